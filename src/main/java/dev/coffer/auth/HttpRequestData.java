package dev.coffer.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an HTTP request that authentication reads, exactly as they arrived: raw path and
 * query (still percent-encoded), headers in arrival order with repeats, and the body bytes.
 */
public record HttpRequestData(
    String method,
    String rawPath,
    String rawQuery,
    List<Map.Entry<String, String>> headers,
    byte[] body) {
  public HttpRequestData {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(rawQuery, "rawQuery");
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }
}
