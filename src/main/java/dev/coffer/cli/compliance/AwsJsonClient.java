package dev.coffer.cli.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.auth.sigv4.SigV4Signer;
import dev.coffer.auth.sigv4.SignableRequest;
import dev.coffer.cli.audit.ClientCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * A minimal awsJson 1.1 client for AWS services (Secrets Manager, KMS) on any endpoint, signing
 * each request with SigV4 for the named service as the AWS SDKs do. Used by {@code coffer
 * compliance scan}, which only reads.
 */
final class AwsJsonClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI endpoint;
  private final String targetPrefix;
  private final SigV4Signer signer;
  private final HttpClient http;

  /** An error the service answered, with its AWS error code. */
  static final class ServiceException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String code;

    ServiceException(String code, String message) {
      super(message);
      this.code = code;
    }

    /** The error code without any namespace, e.g. {@code ResourceNotFoundException}. */
    String code() {
      return code;
    }
  }

  /**
   * A client for {@code service} (SigV4 signing name) whose operations are {@code
   * targetPrefix.Operation}.
   */
  AwsJsonClient(
      URI endpoint,
      ClientCredentials.Resolved credentials,
      String region,
      String service,
      String targetPrefix,
      HttpClient http) {
    this.endpoint = endpoint.resolve("/");
    this.targetPrefix = targetPrefix;
    this.signer = SigV4Signer.of(credentials.credentials(), region, service);
    this.http = http;
  }

  ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Calls {@code operation} with {@code input}; returns the output structure. */
  JsonNode call(String operation, ObjectNode input) throws IOException {
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
            .timeout(Duration.ofMinutes(1))
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
    JsonNode out;
    try {
      out = res.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(res.body());
    } catch (IOException e) {
      throw new IOException(
          operation + " failed: HTTP " + res.statusCode() + " with a body that is not JSON", e);
    }
    if (res.statusCode() != 200) {
      String type = out.path("__type").asText("HTTP" + res.statusCode());
      String code = type.substring(type.lastIndexOf('#') + 1);
      String message = out.path("Message").asText(out.path("message").asText(""));
      throw new ServiceException(code, operation + " failed: " + code + ": " + message);
    }
    return out;
  }
}
