package dev.coffer.cli.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One keep-alive HTTP/1.1 connection that sends pre-serialized requests and reads their responses
 * (RFC 9112). Deliberately small: the harness must cost far less than the server it measures, so
 * there is no header map, no redirect or TLS support, and the response body is kept only because
 * error codes are read from it.
 *
 * <p>Not thread-safe: one connection belongs to one virtual thread.
 */
final class RawHttpConnection implements AutoCloseable {
  /** Status, the AWS error type header (absent on success), and the body. */
  record Response(int status, Optional<String> errorType, byte[] body, boolean closeAfter) {}

  private static final int MAX_LINE = 16 * 1024;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final StringBuilder line = new StringBuilder(128);

  private RawHttpConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code address}; {@code timeout} bounds the connect and every later read. */
  static RawHttpConnection open(InetSocketAddress address, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(address, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      return new RawHttpConnection(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Writes {@code request} (a complete HTTP/1.1 message) and reads the response to it. */
  Response exchange(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    return readResponse();
  }

  private Response readResponse() throws IOException {
    String statusLine = readLine();
    // "HTTP/1.1 200 OK": the status code is the three digits after the first space.
    int sp = statusLine.indexOf(' ');
    if (!statusLine.startsWith("HTTP/1.") || sp < 0 || statusLine.length() < sp + 4) {
      throw new IOException("malformed status line");
    }
    int status = Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
    long contentLength = -1;
    boolean chunked = false;
    boolean close = statusLine.startsWith("HTTP/1.0");
    String errorType = null;
    for (String h = readLine(); !h.isEmpty(); h = readLine()) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line");
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = close || value.equalsIgnoreCase("close");
        case "x-amzn-errortype" -> errorType = value;
        default -> {}
      }
    }
    byte[] body;
    if (chunked) {
      body = readChunked();
    } else if (contentLength >= 0) {
      body = in.readNBytes((int) contentLength);
      if (body.length != contentLength) {
        throw new EOFException("connection closed inside a response body");
      }
    } else {
      // No length: the body runs to the end of the connection (RFC 9112 §6.3, last rule).
      body = in.readAllBytes();
      close = true;
    }
    return new Response(status, Optional.ofNullable(errorType), body, close);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailer fields are ignored
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("connection closed inside a chunk");
      }
      body.write(chunk);
      readLine();
    }
  }

  /** One CRLF-terminated line as Latin-1 text, without the terminator. */
  private String readLine() throws IOException {
    line.setLength(0);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (b == '\n') {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
          line.setLength(n - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("response line too long");
      }
      line.append((char) b);
    }
  }

  /** The request head and body as one array, so each request is a single write. */
  static byte[] message(String head, byte[] body) {
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket we are done with; nothing useful to do with the failure
    }
  }
}
