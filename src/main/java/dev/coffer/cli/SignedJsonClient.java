package dev.coffer.cli;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one awsJson 1.1 client of the {@code coffer} commands: {@code POST /} with {@code
 * X-Amz-Target: <prefix>.<Operation>}, signed with SigV4 for one service as the AWS SDKs sign, sent
 * with {@code java.net.http}. It serves Coffer's own APIs (audit, compliance reports, operator;
 * signing name {@code coffer}) and AWS services on any endpoint ({@code coffer compliance scan}).
 */
public final class SignedJsonClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI endpoint;
  private final String targetPrefix;
  private final SigV4Signer signer;
  private final HttpClient http;
  private final Duration timeout;
  private final Set<String> ownRequestIds = ConcurrentHashMap.newKeySet();

  /** An error the service answered, with its AWS error code. */
  public static final class ServiceException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String code;

    ServiceException(String code, String message) {
      super(message);
      this.code = code;
    }

    /** The error code without any namespace, e.g. {@code ResourceNotFoundException}. */
    public String code() {
      return code;
    }
  }

  /**
   * A client for {@code service} (the SigV4 signing name) in {@code region}, whose operations are
   * {@code targetPrefix.Operation}; each call may take up to {@code timeout}.
   */
  public SignedJsonClient(
      URI endpoint,
      ClientCredentials.Resolved credentials,
      String region,
      String service,
      String targetPrefix,
      HttpClient http,
      Duration timeout) {
    this.endpoint = endpoint.resolve("/");
    this.targetPrefix = targetPrefix;
    this.signer = SigV4Signer.of(credentials.credentials(), region, service);
    this.http = http;
    this.timeout = timeout;
  }

  /** An HTTP client trusting what {@code tls} trusts, with the connect timeout the commands use. */
  public static HttpClient http(javax.net.ssl.SSLContext tls) {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(tls).build();
  }

  /** An empty input structure. */
  public ObjectNode object() {
    return JSON.createObjectNode();
  }

  /**
   * Whether a CloudTrail record is of a call this client made, by its {@code requestID} ({@code
   * coffer audit tail} hides its own polling).
   */
  public boolean isOwnRequest(String cloudTrailRecord) {
    try {
      return ownRequestIds.contains(JSON.readTree(cloudTrailRecord).path("requestID").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Calls {@code operation} with {@code input}; returns the output structure.
   *
   * @throws ServiceException when the service answers with an error
   */
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
            .timeout(timeout)
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
    JsonNode out;
    try {
      out = res.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(res.body());
    } catch (IOException e) {
      throw new IOException(
          operation + " failed: HTTP " + res.statusCode() + " with a body that is not JSON", e);
    }
    if (res.statusCode() != 200) {
      // AWS may qualify the code with its Smithy namespace ("ns#Code"); callers match the bare
      // code.
      String type = out.path("__type").asText("HTTP " + res.statusCode());
      String code = type.substring(type.lastIndexOf('#') + 1);
      String message = out.path("Message").asText(out.path("message").asText(""));
      throw new ServiceException(code, operation + " failed: " + code + ": " + message);
    }
    return out;
  }
}
