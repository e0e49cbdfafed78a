package dev.coffer.compliance.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Posts notifications over HTTP(S) with the JDK client, as SNS posts to an HTTP subscription. */
public final class HttpDelivery implements Delivery {
  private final HttpClient http;
  private final Duration timeout;

  public HttpDelivery(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void post(URI endpoint, Map<String, String> headers, String body) throws IOException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(req::header);
    HttpResponse<Void> res;
    try {
      res = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (res.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + res.statusCode());
    }
  }
}
