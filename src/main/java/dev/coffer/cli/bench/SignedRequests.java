package dev.coffer.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.auth.sigv4.Credentials;
import dev.coffer.auth.sigv4.SigV4Signer;
import dev.coffer.auth.sigv4.SignableRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/**
 * Builds complete, SigV4-signed awsJson 1.1 requests for the Secrets Manager API, as the AWS SDKs
 * send them: {@code POST /} with {@code Content-Type}, {@code X-Amz-Target}, {@code X-Amz-Date} and
 * {@code Authorization}. Thread-safe.
 */
final class SignedRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final URI endpoint;
  private final SigV4Signer signer;
  private final Clock clock;

  SignedRequests(URI endpoint, Credentials credentials, String region, Clock clock) {
    this.endpoint = endpoint;
    this.signer = SigV4Signer.of(credentials, region, "secretsmanager");
    this.clock = clock;
  }

  /** The request for {@code operation} with the members {@code input}, signed now. */
  byte[] build(String operation, Map<String, ?> input) {
    ObjectNode node = JSON.valueToTree(input);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a request body", e);
    }
    SignableRequest unsigned =
        SignableRequest.builder("POST", "/")
            .uri(endpoint.resolve("/"))
            .header("Content-Type", CONTENT_TYPE)
            .header("X-Amz-Target", "secretsmanager." + operation)
            .body(body)
            .build();
    SignableRequest signed = signer.sign(unsigned, clock.instant()).signedRequest();
    StringBuilder head = new StringBuilder(512).append("POST / HTTP/1.1\r\n");
    for (SignableRequest.Header h : signed.headers()) {
      head.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    // One array, so that each request is a single write.
    byte[] message = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, message, h.length, body.length);
    return message;
  }

  Clock clock() {
    return clock;
  }
}
