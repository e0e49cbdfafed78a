package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.crypto.LocalCa;
import dev.coffer.crypto.Pem;
import dev.coffer.crypto.TlsIdentity;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * TLS on the API, several listeners with their own TLS, mTLS and endpoint ids, and the transport
 * facts ({@code aws:SecureTransport}, {@code aws:SourceVpce}, {@code aws:SourceIp}) each request
 * carries into its context, observed through the audit record made from that context.
 */
class TransportSecurityTest {
  private static final String VPCE = "vpce-0123456789abcdef0";

  @TempDir Path tmp;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void sdkOverHttpsTrustingTheGeneratedCaNegotiatesTls13AndRecordsSecureTransport()
      throws Exception {
    server =
        TestServer.start(
            Backend.SQLITE, c -> c.network(NetworkSettings.plain().withTls(TlsSettings.localCa())));
    Path ca = server.dataDir().resolve("tls/ca.pem");
    assertThat(ca).exists();
    int port = server.server().port();

    try (SecretsManagerClient sm =
        client(URI.create("https://localhost:" + port), ca, Optional.empty())) {
      sm.createSecret(b -> b.name("tls/app").secretString("over-tls"));
      GetSecretValueResponse got = sm.getSecretValue(b -> b.secretId("tls/app"));
      assertThat(got.secretString()).isEqualTo("over-tls");
      JsonNode event = event(got.responseMetadata().requestId());
      assertThat(event.path("tlsDetails").path("clientProvidedHostHeader").asText())
          .isEqualTo("localhost:" + port);
      assertThat(event.has("vpcEndpointId")).isFalse();
      assertThat(event.path("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
    }
    try (SSLSocket s =
        (SSLSocket)
            context(ca, Optional.empty()).getSocketFactory().createSocket("127.0.0.1", port)) {
      s.startHandshake();
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
    // Plain HTTP to the TLS port gets no API answer.
    try (SecretsManagerClient plain =
        client(URI.create("http://127.0.0.1:" + port), ca, Optional.empty())) {
      assertThatThrownBy(() -> plain.listSecrets()).isInstanceOf(Exception.class);
    }

    // A restart serves the same CA, so clients keep trusting it.
    byte[] before = Files.readAllBytes(ca);
    server.restart(db -> {});
    assertThat(Files.readAllBytes(ca)).isEqualTo(before);
    int again = server.server().port();
    try (SecretsManagerClient sm =
        client(URI.create("https://127.0.0.1:" + again), ca, Optional.empty())) {
      assertThat(sm.getSecretValue(b -> b.secretId("tls/app")).secretString())
          .isEqualTo("over-tls");
    }
  }

  @Test
  void tls11ClientHelloIsRefusedWhileTheSameHelloAsTls12IsAnswered() throws Exception {
    server =
        TestServer.start(
            Backend.SQLITE, c -> c.network(NetworkSettings.plain().withTls(TlsSettings.localCa())));
    int port = server.server().port();
    assertThat(firstRecordType(port, 0x0302)).as("TLS 1.1 hello").isEqualTo(ALERT);
    assertThat(firstRecordType(port, 0x0301)).as("TLS 1.0 hello").isEqualTo(ALERT);
    assertThat(firstRecordType(port, 0x0303)).as("TLS 1.2 hello").isEqualTo(HANDSHAKE);
  }

  @Test
  void configuredPemCertificateAndTls12OnlyListener() throws Exception {
    LocalCa ca = LocalCa.openOrCreate(tmp.resolve("own-ca"));
    TlsIdentity id = ca.serverIdentity(List.of());
    TlsSettings only12 = tls12Only(id, tmp);
    server =
        TestServer.start(Backend.SQLITE, c -> c.network(NetworkSettings.plain().withTls(only12)));
    int port = server.server().port();
    try (SSLSocket s =
        (SSLSocket)
            context(ca.certificateFile(), Optional.empty())
                .getSocketFactory()
                .createSocket("127.0.0.1", port)) {
      s.startHandshake();
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
      assertThat(s.getSession().getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
      assertThat(s.getSession().getPeerCertificates()[0]).isEqualTo(id.chain().get(0));
    }
  }

  @Test
  void mtlsListenerRefusesClientsWithoutACertificateFromItsCaAndTagsRequestsWithItsEndpointId()
      throws Exception {
    LocalCa clients = LocalCa.openOrCreate(tmp.resolve("client-ca"));
    LocalCa strangers = LocalCa.openOrCreate(tmp.resolve("other-ca"));
    ListenerSettings priv =
        new ListenerSettings(
            "private",
            "127.0.0.1",
            0,
            Optional.of(
                TlsSettings.localCa().requiringClientCertificates(clients.certificateFile())),
            Optional.of(VPCE));
    server =
        TestServer.start(
            Backend.SQLITE, c -> c.network(NetworkSettings.plain().withListener(priv)));
    Path ca = server.dataDir().resolve("tls/ca.pem");
    URI privateUri = URI.create("https://localhost:" + server.server().port("private"));

    try (SecretsManagerClient anonymous = client(privateUri, ca, Optional.empty())) {
      assertThatThrownBy(anonymous::listSecrets).isInstanceOf(SdkClientException.class);
    }
    try (SecretsManagerClient stranger =
        client(privateUri, ca, Optional.of(strangers.clientIdentity("mallory")))) {
      assertThatThrownBy(stranger::listSecrets).isInstanceOf(SdkClientException.class);
    }
    try (SecretsManagerClient app =
        client(privateUri, ca, Optional.of(clients.clientIdentity("app")))) {
      var created = app.createSecret(b -> b.name("private/db").secretString("p"));
      JsonNode event = event(created.responseMetadata().requestId());
      assertThat(event.path("vpcEndpointId").asText()).isEqualTo(VPCE);
      assertThat(event.has("tlsDetails")).isTrue();
    }
    // The main listener, plain HTTP, stays as it was: no endpoint id, no TLS.
    try (SecretsManagerClient main = server.secretsManager()) {
      var got = main.getSecretValue(b -> b.secretId("private/db"));
      JsonNode event = event(got.responseMetadata().requestId());
      assertThat(event.has("vpcEndpointId")).isFalse();
      assertThat(event.has("tlsDetails")).isFalse();
    }
  }

  @Test
  void sourceIpIsTheRightmostUntrustedForwardedAddressOnlyBehindATrustedProxy() throws Exception {
    ListenerSettings behindProxy =
        new ListenerSettings("proxied", "127.0.0.1", 0, Optional.empty(), Optional.empty());
    server =
        TestServer.start(
            Backend.SQLITE,
            c ->
                c.network(
                    NetworkSettings.plain()
                        .withListener(behindProxy)
                        .withTrustedProxies(List.of("127.0.0.0/8", "10.0.0.0/8"))));
    // 127.0.0.1 (the peer) and 10.1.2.3 are proxies; 203.0.113.9 is the client; 198.51.100.1
    // is what the client claimed, and is ignored.
    assertThat(sourceIpWith(server.endpoint(), "198.51.100.1, 203.0.113.9, 10.1.2.3"))
        .isEqualTo("203.0.113.9");
    assertThat(sourceIpWith(server.endpoint(), "2001:db8::7")).isEqualTo("2001:db8:0:0:0:0:0:7");
    // Garbage after a proxy: the last address vouched for (the trusted proxy) stays.
    assertThat(sourceIpWith(server.endpoint(), "203.0.113.9, not-an-ip")).isEqualTo("127.0.0.1");
  }

  @Test
  void forwardedForIsIgnoredFromAPeerThatIsNotATrustedProxy() throws Exception {
    server =
        TestServer.start(
            Backend.SQLITE,
            c -> c.network(NetworkSettings.plain().withTrustedProxies(List.of("10.0.0.0/8"))));
    assertThat(sourceIpWith(server.endpoint(), "203.0.113.9")).isEqualTo("127.0.0.1");
  }

  @Test
  void resourcePoliciesOnSourceVpceSecureTransportAndSourceIpAreEnforcedPerListener()
      throws Exception {
    ListenerSettings priv =
        new ListenerSettings(
            "private", "127.0.0.1", 0, Optional.of(TlsSettings.localCa()), Optional.of(VPCE));
    server =
        TestServer.start(
            Backend.SQLITE,
            c ->
                c.network(
                    NetworkSettings.plain()
                        .withListener(priv)
                        .withTrustedProxies(List.of("127.0.0.0/8"))));
    Path ca = server.dataDir().resolve("tls/ca.pem");
    URI privateUri = URI.create("https://localhost:" + server.server().port("private"));
    try (SecretsManagerClient viaPrivate = client(privateUri, ca, Optional.empty());
        SecretsManagerClient viaMain = server.secretsManager()) {
      for (String name : List.of("confined/db", "tls-only/db", "office-only/db")) {
        viaPrivate.createSecret(b -> b.name(name).secretString("v-" + name));
      }
      viaPrivate.putResourcePolicy(b ->
          b.secretId("confined/db")
              .resourcePolicy(deny("StringNotEquals", "aws:SourceVpce", VPCE)));
      viaPrivate.putResourcePolicy(b ->
          b.secretId("tls-only/db").resourcePolicy(deny("Bool", "aws:SecureTransport", "false")));
      viaPrivate.putResourcePolicy(b ->
          b.secretId("office-only/db")
              .resourcePolicy(deny("NotIpAddress", "aws:SourceIp", "203.0.113.0/24")));

      // aws:SourceVpce: only through the private listener.
      assertThat(viaPrivate.getSecretValue(b -> b.secretId("confined/db")).secretString())
          .isEqualTo("v-confined/db");
      assertThatThrownBy(() -> viaMain.getSecretValue(b -> b.secretId("confined/db")))
          .satisfies(TransportSecurityTest::accessDenied);

      // aws:SecureTransport: the plain main listener is refused, TLS is not.
      assertThat(viaPrivate.getSecretValue(b -> b.secretId("tls-only/db")).secretString())
          .isEqualTo("v-tls-only/db");
      assertThatThrownBy(() -> viaMain.getSecretValue(b -> b.secretId("tls-only/db")))
          .satisfies(TransportSecurityTest::accessDenied);
    }

    // aws:SourceIp from X-Forwarded-For behind the trusted proxy (the test itself, on 127.0.0.1).
    try (SecretsManagerClient office = forwardedFor(server.endpoint(), "203.0.113.9");
        SecretsManagerClient elsewhere = forwardedFor(server.endpoint(), "198.51.100.1");
        SecretsManagerClient spoofing =
            forwardedFor(server.endpoint(), "203.0.113.9, 198.51.100.1")) {
      assertThat(office.getSecretValue(b -> b.secretId("office-only/db")).secretString())
          .isEqualTo("v-office-only/db");
      assertThatThrownBy(() -> elsewhere.getSecretValue(b -> b.secretId("office-only/db")))
          .satisfies(TransportSecurityTest::accessDenied);
      // The client cannot put the office address in front of its own.
      assertThatThrownBy(() -> spoofing.getSecretValue(b -> b.secretId("office-only/db")))
          .satisfies(TransportSecurityTest::accessDenied);
    }
  }

  private static void accessDenied(Throwable e) {
    assertThat(e).isInstanceOf(SecretsManagerException.class);
    assertThat(((SecretsManagerException) e).awsErrorDetails().errorCode())
        .isEqualTo("AccessDeniedException");
  }

  private static String deny(String operator, String key, String value) {
    return """
    {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*",
     "Action":"secretsmanager:GetSecretValue","Resource":"*",
     "Condition":{"%s":{"%s":"%s"}}}]}
    """
        .formatted(operator, key, value);
  }

  private static SecretsManagerClient forwardedFor(URI endpoint, String header) {
    return SecretsManagerClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.putHeader("X-Forwarded-For", header))
        .build();
  }

  // --- helpers -----------------------------------------------------------------------------

  private String sourceIpWith(URI endpoint, String forwardedFor) throws Exception {
    try (SecretsManagerClient sm =
        SecretsManagerClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials())
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.putHeader("X-Forwarded-For", forwardedFor))
            .build()) {
      var r = sm.listSecrets();
      return event(r.responseMetadata().requestId()).path("sourceIPAddress").asText();
    }
  }

  private JsonNode event(String requestId) {
    return server.auditRecord(requestId);
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(TestServer.ACCESS_KEY, TestServer.SECRET_KEY));
  }

  static SecretsManagerClient client(URI endpoint, Path caFile, Optional<TlsIdentity> clientCert)
      throws Exception {
    TrustManager[] trust = trustManagers(caFile);
    KeyManager[] keys = clientCert.isPresent() ? keyManagers(clientCert.get()) : null;
    return SecretsManagerClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClient(
            UrlConnectionHttpClient.builder()
                .tlsTrustManagersProvider(() -> trust)
                .tlsKeyManagersProvider(() -> keys)
                .build())
        .build();
  }

  static SSLContext context(Path caFile, Optional<TlsIdentity> clientCert) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(
        clientCert.isPresent() ? keyManagers(clientCert.get()) : null, trustManagers(caFile), null);
    return ctx;
  }

  static TrustManager[] trustManagers(Path caFile) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int i = 0;
    for (X509Certificate c : Pem.readCertificates(caFile)) {
      ks.setCertificateEntry("ca" + i++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  static KeyManager[] keyManagers(TlsIdentity id) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] pw = "test".toCharArray();
    ks.setKeyEntry("client", id.privateKey(), pw, id.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    return kmf.getKeyManagers();
  }

  private static final int ALERT = 0x15;
  private static final int HANDSHAKE = 0x16;

  /**
   * Sends a hand-made ClientHello offering only {@code version} (no supported_versions extension,
   * so no TLS 1.3) and returns the content type of the server's first record, or -1 when the server
   * closed the connection without one. Made by hand because the JDK's own client refuses to even
   * offer TLS 1.1.
   */
  private static int firstRecordType(int port, int version) throws IOException {
    ByteBuffer body = ByteBuffer.allocate(512);
    body.putShort((short) version);
    body.put(new byte[32]); // random
    body.put((byte) 0); // no session id
    int[] suites = {0xC02B, 0xC02F, 0xC009, 0xC013, 0x002F};
    body.putShort((short) (suites.length * 2));
    for (int s : suites) {
      body.putShort((short) s);
    }
    body.put((byte) 1).put((byte) 0); // null compression
    ByteBuffer ext = ByteBuffer.allocate(128);
    ext.putShort((short) 0x000a).putShort((short) 4).putShort((short) 2).putShort((short) 0x0017);
    ext.putShort((short) 0x000b).putShort((short) 2).put((byte) 1).put((byte) 0);
    ext.putShort((short) 0x000d).putShort((short) 8).putShort((short) 6);
    ext.putShort((short) 0x0403).putShort((short) 0x0804).putShort((short) 0x0401);
    body.putShort((short) ext.position()).put(ext.array(), 0, ext.position());
    int bodyLength = body.position();
    ByteBuffer record = ByteBuffer.allocate(bodyLength + 9);
    record.put((byte) HANDSHAKE).putShort((short) 0x0301).putShort((short) (bodyLength + 4));
    record.put((byte) 1).put((byte) 0).putShort((short) bodyLength);
    record.put(body.array(), 0, bodyLength);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(record.array(), 0, record.position());
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      return in.read();
    }
  }

  /**
   * A listener offering TLS 1.2 only, with {@code id}'s certificate chain and key written as PEM
   * files into {@code dir}.
   */
  static TlsSettings tls12Only(TlsIdentity id, Path dir) throws Exception {
    Path chain = dir.resolve("chain.pem");
    Path key = dir.resolve("key.pem");
    Pem.write(chain, Pem.certificates(id.chain()), false);
    Pem.write(key, Pem.privateKey(id.privateKey()), true);
    return new TlsSettings(
        Optional.of(chain),
        Optional.of(key),
        Optional.empty(),
        false,
        List.of("TLSv1.2"),
        TlsSettings.DEFAULT_CIPHER_SUITES);
  }
}
