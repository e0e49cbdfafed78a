package dev.coffer.cli.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * A closed-loop load run: {@code connections} virtual threads, each with its own keep-alive
 * connection, send a request, wait for its response and send the next, first for the warm-up and
 * then for the measured period. A request belongs to the phase in which it was sent; what the
 * warm-up sends is thrown away.
 *
 * <p>Closed loop means the offered load adapts to the server: latencies are those of a server kept
 * busy by {@code connections} callers, not of a fixed arrival rate, so they do not include the
 * queueing an open-loop client would see when the server falls behind.
 */
final class LoadRun {
  /**
   * What to run.
   *
   * @param address the server, on loopback
   * @param connections concurrent connections, one virtual thread each
   * @param warmup how long to send before measuring
   * @param duration how long to measure
   * @param maxRequests the measured phase ends early after this many requests
   * @param timeout bounds every connect and every response
   */
  record Settings(
      InetSocketAddress address,
      int connections,
      Duration warmup,
      Duration duration,
      long maxRequests,
      Duration timeout) {}

  /**
   * What one phase observed.
   *
   * @param latencyNanos the latency of every completed request, errors included
   * @param ok requests answered 200
   * @param failures failed requests by "status ErrorCode", or "io ExceptionClass" when the
   *     connection failed
   * @param elapsed the phase's length as measured
   */
  record Observed(Histogram latencyNanos, long ok, Map<String, Long> failures, Duration elapsed) {}

  private static final class Phase {
    final ConcurrentHistogram latency = new ConcurrentHistogram(3);
    final LongAdder ok = new LongAdder();
    final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    final AtomicLong sent = new AtomicLong();
    final boolean measured;

    Phase(boolean measured) {
      this.measured = measured;
    }

    void fail(String key) {
      failures.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
  }

  private final Settings settings;
  private final Workload workload;
  private volatile @Nullable Phase phase;
  private final CountDownLatch limitReached = new CountDownLatch(1);
  private final List<RawHttpConnection> open = new ArrayList<>();

  private LoadRun(Settings settings, Workload workload) {
    this.settings = settings;
    this.workload = workload;
  }

  /**
   * Runs the warm-up and the measured phase; {@code atMeasureStart} and {@code atMeasureEnd} run on
   * the calling thread at the phase boundaries (for server CPU and memory samples).
   */
  static Observed run(
      Settings settings, Workload workload, Runnable atMeasureStart, Runnable atMeasureEnd)
      throws InterruptedException {
    return new LoadRun(settings, workload).go(atMeasureStart, atMeasureEnd);
  }

  private Observed go(Runnable atMeasureStart, Runnable atMeasureEnd) throws InterruptedException {
    phase = new Phase(false);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < settings.connections(); i++) {
      Workload.RequestSource source = workload.newSource();
      workers.add(Thread.ofVirtual().name("bench-", i).start(() -> work(source)));
    }
    Thread.sleep(settings.warmup().toMillis());
    atMeasureStart.run();
    Phase measured = new Phase(true);
    long start = System.nanoTime();
    phase = measured;
    limitReached.await(settings.duration().toMillis(), TimeUnit.MILLISECONDS);
    phase = null;
    long end = System.nanoTime();
    atMeasureEnd.run();
    stop(workers);
    Map<String, Long> failures = new TreeMap<>();
    measured.failures.forEach((k, v) -> failures.put(k, v.sum()));
    return new Observed(
        measured.latency, measured.ok.sum(), failures, Duration.ofNanos(end - start));
  }

  /** Lets in-flight requests finish (each bounded by the timeout), then closes what is left. */
  private void stop(List<Thread> workers) throws InterruptedException {
    long deadline = System.nanoTime() + settings.timeout().toNanos() + 1_000_000_000L;
    for (Thread t : workers) {
      t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
    synchronized (open) {
      open.forEach(RawHttpConnection::close);
    }
    for (Thread t : workers) {
      t.join();
    }
  }

  private void work(Workload.RequestSource source) {
    RawHttpConnection connection = null;
    try {
      for (Phase p = phase; p != null; p = phase) {
        if (p.measured && p.sent.incrementAndGet() > settings.maxRequests()) {
          limitReached.countDown();
          return;
        }
        byte[] request = source.next();
        long t0 = System.nanoTime();
        try {
          if (connection == null) {
            connection = connect();
          }
          RawHttpConnection.Response r = connection.exchange(request);
          p.latency.recordValue(Math.max(1, System.nanoTime() - t0));
          if (r.status() == 200) {
            p.ok.increment();
          } else {
            p.fail(r.status() + " " + r.errorType().orElse("(no error type)"));
          }
          if (r.closeAfter()) {
            connection = discard(connection);
          }
        } catch (IOException e) {
          if (phase == p) {
            p.fail("io " + e.getClass().getSimpleName());
          }
          connection = discard(connection);
          pause();
        }
      }
    } finally {
      discard(connection);
    }
  }

  private RawHttpConnection connect() throws IOException {
    RawHttpConnection c = RawHttpConnection.open(settings.address(), settings.timeout());
    synchronized (open) {
      open.add(c);
    }
    return c;
  }

  private @Nullable RawHttpConnection discard(@Nullable RawHttpConnection c) {
    if (c != null) {
      c.close();
      synchronized (open) {
        open.remove(c);
      }
    }
    return null;
  }

  /** After a connection failure, waits a little so that a server that is down is not spun on. */
  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
