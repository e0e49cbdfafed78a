package dev.coffer.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.auth.sigv4.SigV4Signer;
import dev.coffer.auth.sigv4.SignableRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Calls Coffer's audit API ({@code Coffer_Audit_20261101.<Op>}, awsJson 1.1, SigV4 service {@code
 * coffer}) with {@code java.net.http}, signing each request as the AWS SDKs do. Other Coffer APIs
 * on the same endpoint (the compliance report API) are called with their own target prefix.
 */
public final class AuditClient {
  static final String TARGET_PREFIX = "Coffer_Audit_20261101";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI endpoint;
  private final String targetPrefix;
  private final SigV4Signer signer;
  private final HttpClient http;
  private final java.util.Set<String> ownRequestIds =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** An error the server answered. */
  public static final class ApiException extends IOException {
    private static final long serialVersionUID = 1L;

    ApiException(String message) {
      super(message);
    }
  }

  AuditClient(URI endpoint, ClientCredentials.Resolved credentials) {
    this(endpoint, credentials, TARGET_PREFIX);
  }

  /** A client for the Coffer API whose operations start with {@code targetPrefix}. */
  public AuditClient(URI endpoint, ClientCredentials.Resolved credentials, String targetPrefix) {
    this.targetPrefix = targetPrefix;
    this.endpoint = endpoint.resolve("/");
    this.signer = SigV4Signer.of(credentials.credentials(), credentials.region(), "coffer");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  public ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Whether a CloudTrail record is of a call this client made (tail hides its own polling). */
  boolean isOwnRequest(String cloudTrailRecord) {
    try {
      return ownRequestIds.contains(JSON.readTree(cloudTrailRecord).path("requestID").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /** Calls {@code operation} with {@code input}; returns the output structure. */
  public JsonNode call(String operation, ObjectNode input) throws IOException {
    byte[] body = JSON.writeValueAsBytes(input);
    SignableRequest unsigned =
        SignableRequest.builder("POST", "/")
            .uri(endpoint)
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", targetPrefix + "." + operation)
            .body(body)
            .build();
    SignableRequest signed = signer.sign(unsigned, Instant.now()).signedRequest();
    HttpRequest.Builder req =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (SignableRequest.Header h : signed.headers()) {
      if (!h.name().equalsIgnoreCase("host")) { // java.net.http sends Host from the URI
        req.header(h.name(), h.value());
      }
    }
    HttpResponse<byte[]> res;
    try {
      res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    res.headers().firstValue("x-amzn-RequestId").ifPresent(ownRequestIds::add);
    JsonNode out = res.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(res.body());
    if (res.statusCode() != 200) {
      String code = out.path("__type").asText("HTTP " + res.statusCode());
      String message = out.path("Message").asText(out.path("message").asText(""));
      throw new ApiException(operation + " failed: " + code + ": " + message);
    }
    return out;
  }
}
