package dev.coffer.compliance.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP endpoint that records what it is sent, and answers 500 while told to fail. */
final class NotificationReceiver implements AutoCloseable {
  /** One request as received. */
  record Received(String messageType, String messageId, String body, boolean accepted) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  NotificationReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
          received.add(
              new Received(
                  String.valueOf(ex.getRequestHeaders().getFirst("x-amz-sns-message-type")),
                  String.valueOf(ex.getRequestHeaders().getFirst("x-amz-sns-message-id")),
                  body,
                  !fail));
          ex.sendResponseHeaders(fail ? 500 : 200, -1);
          ex.close();
        });
    server.start();
  }

  /** Answers 500 to the next {@code n} requests. */
  void failNext(int n) {
    failuresLeft.set(n);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sns");
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
