package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.crypto.LocalCa;
import dev.coffer.crypto.TlsIdentity;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The transport facts of IAM and STS calls (query protocol), like those of Secrets Manager calls:
 * {@code aws:SourceVpce} and {@code vpcEndpointId} from the listener, {@code aws:SourceIp} through
 * trusted proxies, and {@code tlsDetails} with the negotiated TLS version and cipher suite for
 * every API served over TLS.
 */
class QueryTransportTest {
  private static final String VPCE = "vpce-0a1b2c3d4e5f60718";

  @TempDir Path tmp;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void iamAndStsOverTls13_recordTlsVersionCipherSuiteAndHost() throws Exception {
    server =
        TestServer.start(
            Backend.SQLITE, c -> c.network(NetworkSettings.plain().withTls(TlsSettings.localCa())));
    Path ca = server.dataDir().resolve("tls/ca.pem");
    int port = server.server().port();
    URI https = URI.create("https://localhost:" + port);
    try (IamClient iam = overTls(IamClient.builder(), https, ca, TestServer.root());
        StsClient sts = overTls(StsClient.builder(), https, ca, TestServer.root());
        SecretsManagerClient sm = TransportSecurityTest.client(https, ca, Optional.empty())) {
      var created = iam.createUser(b -> b.userName("over-tls"));
      JsonNode tls = event(created.responseMetadata().requestId()).path("tlsDetails");
      assertThat(tls.path("tlsVersion").asText()).isEqualTo("TLSv1.3");
      assertThat(tls.path("cipherSuite").asText()).matches("TLS_(AES_(128|256)_GCM|CHACHA20).*");
      assertThat(tls.path("clientProvidedHostHeader").asText()).isEqualTo("localhost:" + port);

      var me = sts.getCallerIdentity();
      assertThat(
              event(me.responseMetadata().requestId())
                  .path("tlsDetails")
                  .path("tlsVersion")
                  .asText())
          .isEqualTo("TLSv1.3");
      var listed = sm.listSecrets();
      assertThat(
              event(listed.responseMetadata().requestId())
                  .path("tlsDetails")
                  .path("tlsVersion")
                  .asText())
          .isEqualTo("TLSv1.3");
    }
    // Plain HTTP has no tlsDetails at all (the default test server).
  }

  @Test
  void tls12Listener_recordsTls12AndTheOpenSslNameOfTheSuite() throws Exception {
    LocalCa ca = LocalCa.openOrCreate(tmp.resolve("own-ca"));
    TlsIdentity id = ca.serverIdentity(List.of());
    TlsSettings only12 = TransportSecurityTest.tls12Only(id, tmp);
    server =
        TestServer.start(Backend.SQLITE, c -> c.network(NetworkSettings.plain().withTls(only12)));
    URI https = URI.create("https://localhost:" + server.server().port());
    try (SecretsManagerClient sm =
            TransportSecurityTest.client(https, ca.certificateFile(), Optional.empty());
        IamClient iam =
            overTls(IamClient.builder(), https, ca.certificateFile(), TestServer.root())) {
      JsonNode tls = event(sm.listSecrets().responseMetadata().requestId()).path("tlsDetails");
      assertThat(tls.path("tlsVersion").asText()).isEqualTo("TLSv1.2");
      // CloudTrail names TLS 1.2 suites as OpenSSL does (ECDHE-ECDSA-AES128-GCM-SHA256).
      assertThat(tls.path("cipherSuite").asText()).startsWith("ECDHE-ECDSA-");
      JsonNode iamTls = event(iam.listUsers().responseMetadata().requestId()).path("tlsDetails");
      assertThat(iamTls.path("tlsVersion").asText()).isEqualTo("TLSv1.2");
      assertThat(iamTls.path("cipherSuite").asText()).startsWith("ECDHE-ECDSA-");
    }
  }

  @Test
  void iamPolicyOnSourceVpce_allowsThroughThePrivateListenerOnly_andRecordsTheEndpoint()
      throws Exception {
    ListenerSettings priv =
        new ListenerSettings(
            "private", "127.0.0.1", 0, Optional.of(TlsSettings.localCa()), Optional.of(VPCE));
    server =
        TestServer.start(
            Backend.SQLITE, c -> c.network(NetworkSettings.plain().withListener(priv)));
    Path ca = server.dataDir().resolve("tls/ca.pem");
    URI privateUri = URI.create("https://localhost:" + server.server().port("private"));
    AccessKey key;
    try (IamClient rootIam = server.iam()) {
      rootIam.createUser(b -> b.userName("vpce-only"));
      rootIam.putUserPolicy(b ->
          b.userName("vpce-only")
              .policyName("through-endpoint")
              .policyDocument(
                  """
                  {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                   "Action":["iam:ListUsers","sts:GetCallerIdentity"],"Resource":"*",
                   "Condition":{"StringEquals":{"aws:SourceVpce":"%s"}}}]}
                  """
                      .formatted(VPCE)));
      key = rootIam.createAccessKey(b -> b.userName("vpce-only")).accessKey();
    }
    AwsCredentials user = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    try (IamClient viaPrivate = overTls(IamClient.builder(), privateUri, ca, user);
        IamClient viaMain = server.iam(user);
        StsClient stsPrivate = overTls(StsClient.builder(), privateUri, ca, user)) {
      var listed = viaPrivate.listUsers();
      assertThat(listed.users()).extracting(u -> u.userName()).contains("vpce-only");
      JsonNode event = event(listed.responseMetadata().requestId());
      assertThat(event.path("vpcEndpointId").asText()).isEqualTo(VPCE);
      assertThat(event.path("eventSource").asText()).isEqualTo("iam.amazonaws.com");

      assertThatThrownBy(viaMain::listUsers)
          .isInstanceOfSatisfying(
              IamException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

      var me = stsPrivate.getCallerIdentity();
      assertThat(event(me.responseMetadata().requestId()).path("vpcEndpointId").asText())
          .isEqualTo(VPCE);
    }
    // The main listener's calls carry no endpoint id.
    try (IamClient rootIam = server.iam()) {
      var r = rootIam.listUsers();
      JsonNode event = event(r.responseMetadata().requestId());
      assertThat(event.has("vpcEndpointId")).isFalse();
      assertThat(event.has("tlsDetails")).isFalse();
    }
  }

  @Test
  void iamCallBehindATrustedProxy_recordsTheForwardedClientAddress() throws Exception {
    server =
        TestServer.start(
            Backend.SQLITE,
            c -> c.network(NetworkSettings.plain().withTrustedProxies(List.of("127.0.0.0/8"))));
    try (IamClient iam =
        server.client(
            IamClient.builder()
                .overrideConfiguration(o -> o.putHeader("X-Forwarded-For", "203.0.113.9")),
            Region.US_EAST_1,
            TestServer.root())) {
      var r = iam.listUsers();
      assertThat(event(r.responseMetadata().requestId()).path("sourceIPAddress").asText())
          .isEqualTo("203.0.113.9");
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  /** {@code builder}'s client for {@code endpoint}, trusting only the CA in {@code caFile}. */
  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C overTls(
      B builder, URI endpoint, Path caFile, AwsCredentials credentials) throws Exception {
    TrustManager[] trust = TransportSecurityTest.trustManagers(caFile);
    return builder
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> trust).build())
        .build();
  }

  private JsonNode event(String requestId) {
    return server.auditRecord(requestId);
  }
}
