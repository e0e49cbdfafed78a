package dev.coffer.auth.sigv4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request exactly as SigV4 sees it, free of any HTTP library type.
 *
 * <p>The path and query are kept as they appeared on the request line (still percent-encoded), and
 * the headers in arrival order with repeated names allowed, because canonicalization depends on
 * both (AWS SigV4, "Create a canonical request": repeated headers are joined in arrival order). The
 * body array is copied in and never handed out, so the record stays immutable.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param rawPath the path as sent, percent-encoded; empty means {@code /}
 * @param rawQuery the query string as sent, without the {@code ?}; empty when there is none
 * @param headers the headers in arrival order, names as sent
 * @param body the request body; empty when there is none
 */
// The body must be bytes; the canonical constructor and accessor copy it, so no caller can mutate
// it.
@SuppressWarnings("ArrayRecordComponent")
public record SignableRequest(
    String method, String rawPath, String rawQuery, List<Header> headers, byte[] body) {

  /**
   * One header line as received.
   *
   * @param name the header name, in any case
   * @param value the value as received; continuation lines may be kept with their line breaks
   */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  public SignableRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(rawQuery, "rawQuery");
    headers = List.copyOf(headers);
    body = body.clone();
  }

  /** A builder for {@code method} on {@code rawPath}; the query, headers and body start empty. */
  public static Builder builder(String method, String rawPath) {
    return new Builder(method, rawPath);
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body's length in bytes, without copying it. */
  public int bodyLength() {
    return body.length;
  }

  /** Package-private access to the body bytes for hashing; callers must not modify the array. */
  byte[] bodyUnsafe() {
    return body;
  }

  /** The value of the first header named {@code name} (case-insensitive), if any. */
  public Optional<String> firstHeader(String name) {
    for (Header header : headers) {
      if (header.name().equalsIgnoreCase(name)) {
        return Optional.of(header.value());
      }
    }
    return Optional.empty();
  }

  /** Whether any header is named {@code name} (case-insensitive). */
  public boolean hasHeader(String name) {
    return firstHeader(name).isPresent();
  }

  /** A copy of this request whose headers are {@code newHeaders}. */
  public SignableRequest withHeaders(List<Header> newHeaders) {
    return new SignableRequest(method, rawPath, rawQuery, newHeaders, body);
  }

  /** A copy of this request whose query string is {@code newRawQuery}. */
  public SignableRequest withRawQuery(String newRawQuery) {
    return new SignableRequest(method, rawPath, newRawQuery, headers, body);
  }

  /** A copy of this request with the body {@code newBody}. */
  public SignableRequest withBody(byte[] newBody) {
    return new SignableRequest(method, rawPath, rawQuery, headers, newBody);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignableRequest that
        && method.equals(that.method)
        && rawPath.equals(that.rawPath)
        && rawQuery.equals(that.rawQuery)
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, rawPath, rawQuery, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    // Headers may carry tokens and the body may carry secret values: name their size only.
    return "SignableRequest["
        + method
        + " "
        + rawPath
        + (rawQuery.isEmpty() ? "" : "?" + rawQuery)
        + ", "
        + headers.size()
        + " headers, "
        + body.length
        + " body bytes]";
  }

  /** Collects the parts of a {@link SignableRequest}; headers keep the order they are added in. */
  public static final class Builder {
    private final String method;
    private String rawPath;
    private String rawQuery = "";
    private final List<Header> headers = new ArrayList<>();
    private byte[] body = new byte[0];

    private Builder(String method, String rawPath) {
      this.method = Objects.requireNonNull(method, "method");
      this.rawPath = Objects.requireNonNull(rawPath, "rawPath");
    }

    /** Sets the raw query string (percent-encoded, without {@code ?}). */
    public Builder rawQuery(String value) {
      this.rawQuery = Objects.requireNonNull(value, "rawQuery");
      return this;
    }

    /**
     * Takes path, query and {@code Host} from {@code uri}: the host header carries the port when
     * the URI names one, as HTTP clients send it (RFC 9110 §7.2).
     */
    public Builder uri(URI uri) {
      String path = uri.getRawPath();
      this.rawPath = path == null || path.isEmpty() ? "/" : path;
      String query = uri.getRawQuery();
      this.rawQuery = query == null ? "" : query;
      String host = Objects.requireNonNull(uri.getHost(), "uri has no host");
      headers.removeIf(h -> h.name().equalsIgnoreCase("host"));
      headers.add(new Header("Host", uri.getPort() < 0 ? host : host + ":" + uri.getPort()));
      return this;
    }

    /** Adds a header after those already added. */
    public Builder header(String name, String value) {
      headers.add(new Header(name, value));
      return this;
    }

    /** Sets the body. */
    public Builder body(byte[] value) {
      this.body = value.clone();
      return this;
    }

    /** Sets the body to the UTF-8 bytes of {@code text}. */
    public Builder body(String text) {
      this.body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    public SignableRequest build() {
      return new SignableRequest(method, rawPath, rawQuery, headers, body);
    }
  }
}
