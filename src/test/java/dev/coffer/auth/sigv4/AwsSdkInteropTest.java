package dev.coffer.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.core.error.CofferException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The unmodified AWS SDK for Java v2 Secrets Manager client, pointed at a stub endpoint that runs
 * the verifier on each request it receives: what real clients send must verify.
 */
class AwsSdkInteropTest {
  private static final String TOKEN = "FwoGZXIvYXdzEXAMPLE//token+with/specials==";

  private HttpServer server;
  private final AtomicReference<Object> outcome = new AtomicReference<>();
  private final SigV4Verifier verifier =
      new SigV4Verifier(
          id ->
              switch (id) {
                case "AKIDEXAMPLE" ->
                    Optional.of(
                        new SigningCredential(
                            id, TestKeys.SECRET, TestKeys.CALLER, Optional.empty()));
                case "ASIATEMPORARY" ->
                    Optional.of(
                        new SigningCredential(
                            id, TestKeys.SECRET, TestKeys.CALLER, Optional.of(TOKEN)));
                default -> Optional.empty();
              },
          Clock.systemUTC());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    SignableRequest.Builder builder =
        SignableRequest.builder(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
    String query = exchange.getRequestURI().getRawQuery();
    builder.rawQuery(query == null ? "" : query);
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      header.getValue().forEach(v -> builder.header(header.getKey(), v));
    }
    try (InputStream in = exchange.getRequestBody()) {
      builder.body(in.readAllBytes());
    }
    int status;
    String body;
    try {
      outcome.set(verifier.verify(builder.build(), "secretsmanager"));
      status = 200;
      body =
          "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf\","
              + "\"Name\":\"prod/db\",\"VersionId\":\"EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE\","
              + "\"SecretString\":\"s3cr3t\",\"VersionStages\":[\"AWSCURRENT\"],"
              + "\"CreatedDate\":1.523477145713E9}";
    } catch (CofferException e) {
      outcome.set(e);
      status = e.httpStatus();
      body =
          "{\"__type\":\""
              + e.errorCode()
              + "\",\"message\":\""
              + e.getMessage().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
              + "\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private SecretsManagerClient client(AwsCredentials credentials) {
    return SecretsManagerClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .region(Region.EU_CENTRAL_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  @Test
  void verify_sdkGetSecretValue_authenticatedWithScopeFromSdk() {
    try (SecretsManagerClient client =
        client(AwsBasicCredentials.create(TestKeys.ACCESS_KEY_ID, TestKeys.SECRET))) {
      assertThat(client.getSecretValue(r -> r.secretId("prod/db")).secretString())
          .isEqualTo("s3cr3t");
    }

    assertThat(outcome.get())
        .isInstanceOfSatisfying(
            Authenticated.class,
            a -> {
              assertThat(a.region()).isEqualTo("eu-central-1");
              assertThat(a.service()).isEqualTo("secretsmanager");
              assertThat(a.accessKeyId()).isEqualTo(TestKeys.ACCESS_KEY_ID);
            });
  }

  @Test
  void verify_sdkWithSessionCredentials_authenticated() {
    try (SecretsManagerClient client =
        client(AwsSessionCredentials.create("ASIATEMPORARY", TestKeys.SECRET, TOKEN))) {
      client.getSecretValue(r -> r.secretId("prod/db"));
    }

    assertThat(outcome.get()).isInstanceOf(Authenticated.class);
  }

  @Test
  void verify_sdkWithWrongSecret_sdkSeesInvalidSignatureException() {
    try (SecretsManagerClient client =
        client(AwsBasicCredentials.create(TestKeys.ACCESS_KEY_ID, "wrong-secret"))) {
      assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("prod/db")))
          .isInstanceOfSatisfying(
              SecretsManagerException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.statusCode()).isEqualTo(400);
              });
    }
  }

  @Test
  void verify_sdkWithUnknownKey_sdkSeesUnrecognizedClientException() {
    try (SecretsManagerClient client =
        client(AwsBasicCredentials.create("AKIDUNKNOWN", TestKeys.SECRET))) {
      assertThatThrownBy(() -> client.listSecrets(r -> r.maxResults(1)))
          .isInstanceOfSatisfying(
              SecretsManagerException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("UnrecognizedClientException"));
    }
  }
}
