package dev.coffer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.auth.sigv4.Credentials;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness's event loop against a real server and against a scripted socket server that
 * misbehaves on purpose. Runs end by {@code maxRequests}, so counts are exact: with one connection
 * the measured phase ends only when the request after the last one is about to be sent.
 */
class LoadRunTest {
  private static final byte[] FIXED_REQUEST =
      "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}"
          .getBytes(StandardCharsets.ISO_8859_1);
  private static final Workload FIXED = () -> () -> FIXED_REQUEST;

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Backend.SQLITE);
    try (var sm = server.secretsManager()) {
      sm.createSecret(b -> b.name("load-run/value").secretString("s3cr3t"));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static LoadRun.Observed run(
      InetSocketAddress address,
      Workload workload,
      int connections,
      int threads,
      long maxRequests,
      Duration timeout)
      throws InterruptedException {
    LoadRun.Settings settings =
        new LoadRun.Settings(
            address,
            connections,
            threads,
            Duration.ZERO,
            Duration.ofSeconds(60),
            maxRequests,
            timeout);
    return LoadRun.run(settings, workload, () -> {}, () -> {});
  }

  private static InetSocketAddress serverAddress() {
    return LoadCommand.loopbackAddress(server.endpoint()).orElseThrow();
  }

  private static SignedRequests signed() {
    return new SignedRequests(
        server.endpoint(),
        Credentials.of(TestServer.ACCESS_KEY, TestServer.SECRET_KEY),
        "us-east-1",
        Clock.systemUTC());
  }

  @Test
  void run_realServerTwoLoops_countsEveryAnswerOfTheMeasuredPhase() throws Exception {
    LoadRun.Observed o =
        run(
            serverAddress(),
            Workload.getSecretValue(signed(), List.of("load-run/value")),
            4,
            2,
            200,
            Duration.ofSeconds(10));

    assertThat(o.ok()).isEqualTo(200);
    assertThat(o.latencyNanos().getTotalCount()).isEqualTo(200);
    assertThat(o.failures()).isEmpty();
  }

  @Test
  void run_realServerUnknownSecret_countsFailuresByErrorType() throws Exception {
    LoadRun.Observed o =
        run(
            serverAddress(),
            Workload.getSecretValue(signed(), List.of("load-run/missing")),
            3,
            1,
            30,
            Duration.ofSeconds(10));

    assertThat(o.ok()).isZero();
    assertThat(o.failures()).containsExactly(Map.entry("400 ResourceNotFoundException", 30L));
    assertThat(o.latencyNanos().getTotalCount()).isEqualTo(30);
  }

  @Test
  void run_serverClosesAfterEachResponse_reconnectsAndCountsOk() throws Exception {
    try (Scripted s =
        new Scripted((out, n) -> {
          out.write(ascii("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"));
          return false;
        })) {
      LoadRun.Observed o = run(s.address(), FIXED, 1, 1, 5, Duration.ofSeconds(10));

      assertThat(o.ok()).isEqualTo(5);
      assertThat(o.failures()).isEmpty();
      assertThat(s.accepted.get()).as("one connection per request").isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void run_responseDribbledByteByByte_isReassembled() throws Exception {
    try (Scripted s =
        new Scripted((out, n) -> {
          dribble(out, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
          return true;
        })) {
      LoadRun.Observed o = run(s.address(), FIXED, 1, 1, 3, Duration.ofSeconds(10));

      assertThat(o.ok()).isEqualTo(3);
      assertThat(o.failures()).isEmpty();
      assertThat(s.accepted.get()).as("keep-alive: one connection").isEqualTo(1);
    }
  }

  @Test
  void run_chunkedResponses_areCountedByStatusAndErrorType() throws Exception {
    try (Scripted s =
        new Scripted((out, n) -> {
          if (n % 2 == 0) {
            dribble(
                out,
                "HTTP/1.1 400 Bad Request\r\nx-amzn-ErrorType: ThrottlingException\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\n{\"_\r\n4\r\n_x\"}\r\n0\r\n\r\n");
          } else {
            out.write(
                ascii(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2\r\n{}\r\n0\r\n\r\n"));
          }
          return true;
        })) {
      LoadRun.Observed o = run(s.address(), FIXED, 1, 1, 6, Duration.ofSeconds(10));

      assertThat(o.ok()).isEqualTo(3);
      assertThat(o.failures()).containsExactly(Map.entry("400 ThrottlingException", 3L));
    }
  }

  @Test
  void run_serverNeverAnswers_timesOutAndReconnects() throws Exception {
    try (Scripted s = new Scripted((out, n) -> true, true)) {
      LoadRun.Observed o = run(s.address(), FIXED, 1, 1, 3, Duration.ofMillis(50));

      assertThat(o.ok()).isZero();
      assertThat(o.failures()).containsExactly(Map.entry("io SocketTimeoutException", 3L));
      assertThat(s.accepted.get())
          .as("a new connection after each timeout")
          .isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void run_serverClosesInsideAResponse_countsIoFailureAndReconnects() throws Exception {
    try (Scripted s =
        new Scripted((out, n) -> {
          out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"trunc"));
          return false;
        })) {
      LoadRun.Observed o = run(s.address(), FIXED, 1, 1, 4, Duration.ofSeconds(10));

      assertThat(o.ok()).isZero();
      assertThat(o.failures()).containsExactly(Map.entry("io EOFException", 4L));
    }
  }

  @Test
  void run_notHttp_countsProtocolErrors() throws Exception {
    try (Scripted s =
        new Scripted((out, n) -> {
          out.write(ascii("220 smtp.example ESMTP\r\n"));
          return true;
        })) {
      LoadRun.Observed o = run(s.address(), FIXED, 1, 1, 2, Duration.ofSeconds(10));

      assertThat(o.failures()).containsExactly(Map.entry("io ProtocolException", 2L));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Writes one byte per segment, so that the harness sees the response in many reads. */
  private static void dribble(OutputStream out, String response) throws IOException {
    for (byte b : ascii(response)) {
      out.write(b);
      out.flush();
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }

  /** Answers the {@code n}th request of a connection; returns whether to keep it open. */
  @FunctionalInterface
  interface Answer {
    boolean answer(OutputStream out, int n) throws IOException;
  }

  /**
   * A loopback HTTP/1.1 server that reads each request (head and Content-Length body) and answers
   * it as scripted, or never answers at all.
   */
  private static final class Scripted implements AutoCloseable {
    final AtomicInteger accepted = new AtomicInteger();
    private final ServerSocket listener;
    private final Answer answer;
    private final boolean silent;

    Scripted(Answer answer) throws IOException {
      this(answer, false);
    }

    Scripted(Answer answer, boolean silent) throws IOException {
      this.answer = answer;
      this.silent = silent;
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread.ofPlatform().daemon().start(this::accept);
    }

    InetSocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private void accept() {
      while (!listener.isClosed()) {
        try {
          Socket s = listener.accept();
          accepted.incrementAndGet();
          Thread.ofPlatform().daemon().start(() -> serve(s));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s) {
        s.setTcpNoDelay(true);
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        for (int n = 0; readRequest(in); n++) {
          if (silent) {
            continue;
          }
          if (!answer.answer(out, n)) {
            return;
          }
          out.flush();
        }
      } catch (IOException e) {
        // the harness closed the connection
      }
    }

    /** Reads one request; false at the end of the connection. */
    private static boolean readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          return false;
        }
        head.write(b);
        String h = head.toString(StandardCharsets.ISO_8859_1);
        if (h.endsWith("\r\n\r\n")) {
          int length = 0;
          for (String line : h.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
              length = Integer.parseInt(line.substring(15).trim());
            }
          }
          return in.readNBytes(length).length == length;
        }
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
