package dev.coffer.cli.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An incremental HTTP/1.1 response parser (RFC 9112) for the load harness: it is fed whatever one
 * read returned, keeps its place between reads, and says when a whole response has arrived. It
 * reads only what the harness needs (the status, {@code Content-Length}, chunked transfer coding,
 * {@code Connection: close} and AWS's {@code x-amzn-ErrorType}); the body is kept only when the
 * status is not 200, because only error messages are ever read from it.
 *
 * <p>A 200 response is parsed without allocating: header names are compared byte by byte in place,
 * and body bytes are counted, not copied. One parser serves one connection; {@link #reset()}
 * readies it for the next response.
 */
final class ResponseParser {
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_KEPT_BODY = 1024 * 1024;
  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] ERROR_TYPE = ascii("x-amzn-errortype");
  private static final byte[] CHUNKED = ascii("chunked");
  private static final byte[] CLOSE = ascii("close");

  private enum State {
    STATUS_LINE,
    HEADER_LINE,
    BODY,
    BODY_TO_EOF,
    CHUNK_SIZE_LINE,
    CHUNK_DATA,
    CHUNK_END_LINE,
    TRAILER_LINE,
    DONE
  }

  private State state = State.STATUS_LINE;
  private byte[] line = new byte[256];
  private int lineLength;
  private int status;
  private long contentLength;
  private boolean chunked;
  private boolean close;
  private long bodyLeft;
  private @Nullable String errorType;
  private @Nullable ByteArrayOutputStream body;

  ResponseParser() {
    reset();
  }

  /** Forgets the last response, for the next one on the same connection. */
  void reset() {
    state = State.STATUS_LINE;
    lineLength = 0;
    status = 0;
    contentLength = -1;
    chunked = false;
    close = false;
    bodyLeft = 0;
    errorType = null;
    body = null;
  }

  /**
   * Consumes bytes from {@code in} (a heap buffer) up to the end of the response. Returns true when
   * the response is complete; {@code in}'s position is then just past it.
   *
   * @throws ProtocolException when the bytes are not an HTTP/1.x response
   */
  boolean parse(ByteBuffer in) throws ProtocolException {
    byte[] a = in.array();
    int base = in.arrayOffset();
    int pos = base + in.position();
    int end = base + in.limit();
    while (pos < end && state != State.DONE) {
      switch (state) {
        case BODY, CHUNK_DATA -> {
          int n = (int) Math.min(bodyLeft, end - pos);
          keep(a, pos, n);
          pos += n;
          bodyLeft -= n;
          if (bodyLeft == 0) {
            state = state == State.BODY ? State.DONE : State.CHUNK_END_LINE;
          }
        }
        case BODY_TO_EOF -> {
          keep(a, pos, end - pos);
          pos = end;
        }
        default -> pos = lineBytes(a, pos, end);
      }
    }
    in.position(pos - base);
    return state == State.DONE;
  }

  /**
   * The server closed the connection. Returns true when that ends the response (a body without a
   * length runs to the end of the connection, RFC 9112 §6.3).
   *
   * @throws EOFException when the connection ended inside a response
   */
  boolean endOfStream() throws EOFException {
    if (state == State.BODY_TO_EOF) {
      state = State.DONE;
      return true;
    }
    throw new EOFException(
        state == State.STATUS_LINE && lineLength == 0
            ? "connection closed by the server"
            : "connection closed inside a response");
  }

  /** Whether no byte of a response has arrived yet. */
  boolean idle() {
    return state == State.STATUS_LINE && lineLength == 0;
  }

  int status() {
    return status;
  }

  Optional<String> errorType() {
    return Optional.ofNullable(errorType);
  }

  /** The body of a response whose status is not 200; empty for 200. */
  byte[] body() {
    return body == null ? new byte[0] : body.toByteArray();
  }

  /** Whether the server will close the connection after this response. */
  boolean closeAfter() {
    return close;
  }

  /** Scans for the end of the current line; processes it when found. Returns the new position. */
  private int lineBytes(byte[] a, int pos, int end) throws ProtocolException {
    int nl = pos;
    while (nl < end && a[nl] != '\n') {
      nl++;
    }
    if (nl == end) {
      append(a, pos, end - pos);
      return end;
    }
    if (lineLength == 0) {
      line(a, pos, trimCr(a, pos, nl));
    } else {
      append(a, pos, nl - pos);
      line(line, 0, trimCr(line, 0, lineLength));
      lineLength = 0;
    }
    return nl + 1;
  }

  private void append(byte[] a, int from, int n) throws ProtocolException {
    if (lineLength + n > MAX_LINE) {
      throw new ProtocolException("response line too long");
    }
    if (lineLength + n > line.length) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, lineLength + n)));
    }
    System.arraycopy(a, from, line, lineLength, n);
    lineLength += n;
  }

  private static int trimCr(byte[] a, int from, int end) {
    return end > from && a[end - 1] == '\r' ? end - 1 : end;
  }

  /** One complete line, {@code a[from, end)}, without its line terminator. */
  private void line(byte[] a, int from, int end) throws ProtocolException {
    switch (state) {
      case STATUS_LINE -> statusLine(a, from, end);
      case HEADER_LINE -> {
        if (from == end) {
          headersDone();
        } else {
          header(a, from, end);
        }
      }
      case CHUNK_SIZE_LINE -> chunkSize(a, from, end);
      case CHUNK_END_LINE -> {
        if (from != end) {
          throw new ProtocolException("chunk not followed by CRLF");
        }
        state = State.CHUNK_SIZE_LINE;
      }
      case TRAILER_LINE -> {
        if (from == end) {
          state = State.DONE;
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  /** "HTTP/1.1 200 OK": the status code is the three digits after the first space. */
  private void statusLine(byte[] a, int from, int end) throws ProtocolException {
    if (end - from < 12
        || !startsWith(a, from, "HTTP/1.")
        || a[from + 8] != ' '
        || !digit(a[from + 9])
        || !digit(a[from + 10])
        || !digit(a[from + 11])) {
      throw new ProtocolException("malformed status line");
    }
    status = (a[from + 9] - '0') * 100 + (a[from + 10] - '0') * 10 + (a[from + 11] - '0');
    close = a[from + 7] == '0';
    state = State.HEADER_LINE;
  }

  private void header(byte[] a, int from, int end) throws ProtocolException {
    int colon = from;
    while (colon < end && a[colon] != ':') {
      colon++;
    }
    if (colon == from || colon == end) {
      throw new ProtocolException("malformed header line");
    }
    int nameEnd = colon;
    while (nameEnd > from && ows(a[nameEnd - 1])) {
      nameEnd--;
    }
    int v = colon + 1;
    while (v < end && ows(a[v])) {
      v++;
    }
    int vEnd = end;
    while (vEnd > v && ows(a[vEnd - 1])) {
      vEnd--;
    }
    if (nameIs(a, from, nameEnd, CONTENT_LENGTH)) {
      contentLength = decimal(a, v, vEnd);
    } else if (nameIs(a, from, nameEnd, TRANSFER_ENCODING)) {
      chunked = contains(a, v, vEnd, CHUNKED);
    } else if (nameIs(a, from, nameEnd, CONNECTION)) {
      close |= contains(a, v, vEnd, CLOSE);
    } else if (nameIs(a, from, nameEnd, ERROR_TYPE)) {
      errorType = new String(a, v, vEnd - v, StandardCharsets.ISO_8859_1);
    }
  }

  /** Chooses how the body is delimited (RFC 9112 §6.3). */
  private void headersDone() {
    if (status != 200) {
      body = new ByteArrayOutputStream();
    }
    if (status / 100 == 1 || status == 204 || status == 304) {
      state = State.DONE;
    } else if (chunked) {
      state = State.CHUNK_SIZE_LINE;
    } else if (contentLength >= 0) {
      bodyLeft = contentLength;
      state = bodyLeft == 0 ? State.DONE : State.BODY;
    } else {
      close = true;
      state = State.BODY_TO_EOF;
    }
  }

  private void chunkSize(byte[] a, int from, int end) throws ProtocolException {
    long size = 0;
    int i = from;
    for (; i < end && a[i] != ';' && !ows(a[i]); i++) {
      int d = Character.digit(a[i], 16);
      if (d < 0 || size > (Long.MAX_VALUE >> 4)) {
        throw new ProtocolException("malformed chunk size");
      }
      size = size * 16 + d;
    }
    if (i == from) {
      throw new ProtocolException("malformed chunk size");
    }
    bodyLeft = size;
    state = size == 0 ? State.TRAILER_LINE : State.CHUNK_DATA;
  }

  private void keep(byte[] a, int from, int n) throws ProtocolException {
    if (body != null && n > 0) {
      if (body.size() + n > MAX_KEPT_BODY) {
        throw new ProtocolException("error body too large");
      }
      body.write(a, from, n);
    }
  }

  private static long decimal(byte[] a, int from, int end) throws ProtocolException {
    if (from == end || end - from > 18) {
      throw new ProtocolException("malformed Content-Length");
    }
    long v = 0;
    for (int i = from; i < end; i++) {
      if (!digit(a[i])) {
        throw new ProtocolException("malformed Content-Length");
      }
      v = v * 10 + (a[i] - '0');
    }
    return v;
  }

  /** Compares a header name with a lower-case ASCII name, ignoring case. */
  private static boolean nameIs(byte[] a, int from, int end, byte[] lower) {
    if (end - from != lower.length) {
      return false;
    }
    for (int i = 0; i < lower.length; i++) {
      byte b = a[from + i];
      if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != lower[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code a[from, end)} contains the lower-case ASCII word {@code lower}, ignoring case.
   */
  private static boolean contains(byte[] a, int from, int end, byte[] lower) {
    for (int start = from; start + lower.length <= end; start++) {
      if (nameIs(a, start, start + lower.length, lower)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] a, int from, String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      if (a[from + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean ows(byte b) {
    return b == ' ' || b == '\t';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
