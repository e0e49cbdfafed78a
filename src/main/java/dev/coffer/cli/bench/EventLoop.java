package dev.coffer.cli.bench;

import dev.coffer.cli.bench.LoadRun.Phase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One harness thread driving its share of the connections with non-blocking sockets and a {@link
 * Selector}, as wrk does: each connection is a small state machine (connect, write the request,
 * read and parse the response, send the next), so a request costs a write, a read and a share of
 * one {@code epoll_wait}, with no thread parked or woken per request. Everything here, counters
 * included, belongs to the loop's thread; {@link LoadRun} reads the counters after joining it.
 */
final class EventLoop implements Runnable {
  /** How often connections are checked for timeouts and the end of a reconnect pause. */
  private static final long SWEEP_MILLIS = 10;

  /** After a connection failure, how long to wait so that a server that is down is not spun on. */
  private static final long PAUSE_NANOS = 10_000_000;

  private static final ByteBuffer NO_REQUEST = ByteBuffer.allocate(0);

  private final Selector selector;
  private final LoadRun.Schedule schedule;
  private final InetSocketAddress address;
  private final long timeoutNanos;
  private final Duration timeout;
  private final List<Connection> connections = new ArrayList<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
  private final Consumer<SelectionKey> onReady = this::ready;
  private int inFlight;

  // What the measured phase observed on this loop's connections.
  final Histogram latencyNanos = new Histogram(3);
  long ok;
  final Map<String, Long> failures = new HashMap<>();

  EventLoop(
      LoadRun.Schedule schedule,
      InetSocketAddress address,
      Duration timeout,
      List<Workload.RequestSource> sources)
      throws IOException {
    this.selector = Selector.open();
    this.schedule = schedule;
    this.address = address;
    this.timeout = timeout;
    this.timeoutNanos = timeout.toNanos();
    for (Workload.RequestSource source : sources) {
      connections.add(new Connection(source));
    }
  }

  /** Interrupts a {@code select} so that the loop notices the end of the run at once. */
  void wakeup() {
    selector.wakeup();
  }

  /** Runs until the schedule has stopped and no request is in flight any more. */
  @Override
  public void run() {
    try {
      for (Connection c : connections) {
        c.next();
      }
      long nextSweep = System.nanoTime() + SWEEP_MILLIS * 1_000_000;
      while (!(schedule.stopped() && inFlight == 0)) {
        selector.select(onReady, SWEEP_MILLIS);
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
          sweep(now);
          nextSweep = now + SWEEP_MILLIS * 1_000_000;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("the harness's selector failed", e);
    } finally {
      connections.forEach(Connection::close);
      try {
        selector.close();
      } catch (IOException ignored) {
        // the run is over; the selector's file descriptors go with the process anyway
      }
    }
  }

  private void ready(SelectionKey key) {
    Connection c = (Connection) key.attachment();
    if (c.key != key || !key.isValid()) {
      return;
    }
    try {
      int ops = key.readyOps();
      if ((ops & SelectionKey.OP_CONNECT) != 0) {
        if (c.channel().finishConnect()) {
          c.write();
        }
      } else if ((ops & SelectionKey.OP_WRITE) != 0) {
        c.write();
      } else if ((ops & SelectionKey.OP_READ) != 0) {
        c.read();
      }
    } catch (IOException e) {
      c.fail(e);
    }
  }

  /** Fails requests that took longer than the timeout and resumes paused connections. */
  private void sweep(long now) {
    for (Connection c : connections) {
      if (c.phase != null && now - c.deadline >= 0) {
        c.fail(new SocketTimeoutException("no response within " + timeout));
      } else if (c.paused && now - c.deadline >= 0) {
        c.paused = false;
        c.next();
      }
    }
  }

  private void count(String failure) {
    failures.merge(failure, 1L, Long::sum);
  }

  /** One keep-alive connection and the request it has in flight, if any. */
  private final class Connection {
    private final Workload.RequestSource source;
    private final ResponseParser parser = new ResponseParser();
    private @Nullable SocketChannel channel;
    private @Nullable SelectionKey key;
    private ByteBuffer request = NO_REQUEST;

    /** The phase the in-flight request was sent in; null when none is in flight. */
    @Nullable Phase phase;

    /** Waiting after a failure before reconnecting. */
    boolean paused;

    private long sentAt;

    /** When the in-flight request times out, or when a pause ends. */
    long deadline;

    Connection(Workload.RequestSource source) {
      this.source = source;
    }

    SocketChannel channel() {
      SocketChannel ch = channel;
      if (ch == null) {
        throw new IllegalStateException("no channel");
      }
      return ch;
    }

    /** Sends the next request, connecting first if needed, unless the run is over. */
    void next() {
      Phase p = schedule.admit();
      if (p == null) {
        return;
      }
      byte[] bytes = source.next();
      // GetSecretValue resends the same array for a second: reuse its buffer rather than wrap anew.
      request = bytes == request.array() ? request.clear() : ByteBuffer.wrap(bytes);
      parser.reset();
      phase = p;
      inFlight++;
      sentAt = System.nanoTime();
      deadline = sentAt + timeoutNanos;
      try {
        if (channel == null) {
          if (!connect()) {
            return;
          }
        }
        write();
      } catch (IOException e) {
        fail(e);
      }
    }

    /** Opens the connection; returns false when it completes later (OP_CONNECT). */
    private boolean connect() throws IOException {
      SocketChannel ch = SocketChannel.open();
      channel = ch;
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      key = ch.register(selector, 0, this);
      if (ch.connect(address)) {
        return true;
      }
      interest(SelectionKey.OP_CONNECT);
      return false;
    }

    /** Writes what is left of the request; waits for writability if the socket buffer is full. */
    void write() throws IOException {
      channel().write(request);
      interest(request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    void read() throws IOException {
      ByteBuffer b = readBuffer.clear();
      int n = channel().read(b);
      if (phase == null) {
        // Nothing was asked: the server closed an idle connection (or misbehaved); drop it.
        close();
        return;
      }
      boolean done;
      if (n < 0) {
        done = parser.endOfStream();
      } else if (n == 0) {
        return;
      } else {
        done = parser.parse(b.flip());
        if (done && b.hasRemaining()) {
          throw new ProtocolException("bytes after the end of a response");
        }
      }
      if (done) {
        complete();
      }
    }

    private void complete() {
      Phase p = phase;
      if (p != null && p.measured()) {
        latencyNanos.recordValue(Math.max(1, System.nanoTime() - sentAt));
        if (parser.status() == 200) {
          ok++;
        } else {
          count(parser.status() + " " + parser.errorType().orElse("(no error type)"));
        }
      }
      phase = null;
      inFlight--;
      if (parser.closeAfter()) {
        close();
      }
      next();
    }

    /** Counts an I/O failure of the in-flight request, drops the connection and pauses. */
    void fail(IOException e) {
      Phase p = phase;
      if (p != null) {
        phase = null;
        inFlight--;
        // Failures caused by the end of the run (a phase that is over) are not the server's.
        if (p.measured() && schedule.isCurrent(p)) {
          count("io " + e.getClass().getSimpleName());
        }
      }
      close();
      paused = true;
      deadline = System.nanoTime() + PAUSE_NANOS;
    }

    void close() {
      SocketChannel ch = channel;
      channel = null;
      key = null;
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // closing a connection we are done with; nothing useful to do with the failure
        }
      }
    }

    private void interest(int ops) {
      SelectionKey k = key;
      if (k != null && k.interestOps() != ops) {
        k.interestOps(ops);
      }
    }
  }
}
