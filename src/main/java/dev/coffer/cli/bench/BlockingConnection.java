package dev.coffer.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * One keep-alive HTTP/1.1 connection with blocking calls, for the few requests around a load run
 * (creating and deleting the test secrets), where simplicity matters more than cost. The load
 * itself goes through {@link EventLoop}; both read responses with {@link ResponseParser}.
 */
final class BlockingConnection implements AutoCloseable {
  /** Status, the AWS error type header (absent on success), and the body (empty for 200). */
  record Response(int status, Optional<String> errorType, byte[] body) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
  private final ResponseParser parser = new ResponseParser();

  private BlockingConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code address}; {@code timeout} bounds the connect and every later read. */
  static BlockingConnection open(InetSocketAddress address, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      return new BlockingConnection(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Writes {@code request} (a complete HTTP/1.1 message) and reads the response to it. A response
   * that asks to close the connection is answered, but the next exchange then fails.
   */
  Response exchange(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    parser.reset();
    while (true) {
      int n = in.read(buffer.array());
      if (n < 0 ? parser.endOfStream() : parser.parse(buffer.position(0).limit(n))) {
        return new Response(parser.status(), parser.errorType(), parser.body());
      }
    }
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
