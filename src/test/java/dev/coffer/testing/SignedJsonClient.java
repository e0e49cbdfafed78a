package dev.coffer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.auth.sigv4.Credentials;
import dev.coffer.auth.sigv4.SigV4Signer;
import dev.coffer.auth.sigv4.SignableRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Signed awsJson 1.1 calls to any API the server hosts (CloudTrail, Coffer's audit API), for APIs
 * whose AWS SDK client is not on the test classpath.
 */
public final class SignedJsonClient {
  private static final Set<String> RESTRICTED = Set.of("host", "content-length");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI endpoint;
  private final SigV4Signer signer;
  private final HttpClient http = HttpClient.newHttpClient();

  public SignedJsonClient(URI endpoint, String service, String accessKey, String secretKey) {
    this.endpoint = endpoint.resolve("/");
    this.signer = SigV4Signer.of(Credentials.of(accessKey, secretKey), "us-east-1", service);
  }

  /** The status and parsed body of one call. */
  public record Answer(int status, JsonNode body, String requestId) {}

  public Answer call(String target, String jsonBody) {
    byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
    SignableRequest req =
        signer
            .sign(
                SignableRequest.builder("POST", "/")
                    .uri(endpoint)
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", target)
                    .body(body)
                    .build(),
                Instant.now())
            .signedRequest();
    HttpRequest.Builder hr =
        HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (SignableRequest.Header h : req.headers()) {
      if (!RESTRICTED.contains(h.name().toLowerCase(Locale.ROOT))) {
        hr.header(h.name(), h.value());
      }
    }
    try {
      HttpResponse<String> r = http.send(hr.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          r.statusCode(),
          r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()),
          r.headers().firstValue("x-amzn-RequestId").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
