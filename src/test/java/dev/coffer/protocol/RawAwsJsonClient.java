package dev.coffer.protocol;

import dev.coffer.auth.sigv4.Credentials;
import dev.coffer.auth.sigv4.SigV4Signer;
import dev.coffer.auth.sigv4.SignableRequest;
import dev.coffer.auth.sigv4.SigningResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/** Sends hand-made awsJson requests, signed or not, to see exactly what the server answers. */
final class RawAwsJsonClient {
  private static final Set<String> RESTRICTED = Set.of("host", "content-length");
  private final URI endpoint;
  private final HttpClient http = HttpClient.newHttpClient();
  private final SigV4Signer signer;

  RawAwsJsonClient(URI endpoint, String accessKey, String secretKey) {
    this.endpoint = endpoint;
    this.signer =
        SigV4Signer.of(Credentials.of(accessKey, secretKey), "us-east-1", "secretsmanager");
  }

  HttpResponse<String> send(String target, byte[] body, boolean sign) {
    SignableRequest.Builder b =
        SignableRequest.builder("POST", "/")
            .uri(endpoint.resolve("/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .body(body);
    if (target != null) {
      b.header("X-Amz-Target", target);
    }
    SignableRequest req = b.build();
    if (sign) {
      SigningResult signed = signer.sign(req, Instant.now());
      req = signed.signedRequest();
    }
    HttpRequest.Builder hr =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (SignableRequest.Header h : req.headers()) {
      if (!RESTRICTED.contains(h.name().toLowerCase(java.util.Locale.ROOT))) {
        hr.header(h.name(), h.value());
      }
    }
    try {
      return http.send(hr.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> send(String target, String body) {
    return send(target, body.getBytes(StandardCharsets.UTF_8), true);
  }
}
