package dev.coffer.cli.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * A closed-loop load run: {@code connections} keep-alive connections, shared out among {@code
 * harnessThreads} {@link EventLoop}s, each send a request, wait for its response and send the next,
 * first for the warm-up and then for the measured period. A request belongs to the phase in which
 * it was sent; what the warm-up sends is thrown away.
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
   * @param connections concurrent connections
   * @param harnessThreads event loops (threads) sharing the connections
   * @param warmup how long to send before measuring
   * @param duration how long to measure
   * @param maxRequests the measured phase ends early after this many requests
   * @param timeout bounds every request, connecting included
   */
  record Settings(
      InetSocketAddress address,
      int connections,
      int harnessThreads,
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

  /** The warm-up or the measured phase; {@code sent} counts the requests sent in it. */
  record Phase(boolean measured, AtomicLong sent) {
    Phase(boolean measured) {
      this(measured, new AtomicLong());
    }
  }

  /** Which phase requests are sent in now, shared by the loops and the thread running the run. */
  static final class Schedule {
    private final long maxRequests;
    private final CountDownLatch limitReached = new CountDownLatch(1);
    private volatile @Nullable Phase current;

    Schedule(long maxRequests, Phase first) {
      this.maxRequests = maxRequests;
      this.current = first;
    }

    /**
     * The phase a request about to be sent belongs to; null when no more requests are to be sent
     * (the run is over or the measured phase reached its request limit).
     */
    @Nullable Phase admit() {
      Phase p = current;
      if (p == null) {
        return null;
      }
      if (p.measured() && p.sent().incrementAndGet() > maxRequests) {
        limitReached.countDown();
        return null;
      }
      return p;
    }

    boolean isCurrent(Phase p) {
      return current == p;
    }

    boolean stopped() {
      return current == null;
    }

    /** Starts the measured phase, unless the run was aborted meanwhile. */
    synchronized void measure(Phase measured) {
      if (current != null) {
        current = measured;
      }
    }

    /** Waits until the measured phase has sent its last request or {@code duration} passed. */
    void awaitEnd(Duration duration) throws InterruptedException {
      limitReached.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
      current = null;
    }

    /** Ends the run at once, because a loop failed. */
    synchronized void abort() {
      current = null;
      limitReached.countDown();
    }
  }

  private LoadRun() {}

  /**
   * Runs the warm-up and the measured phase; {@code atMeasureStart} and {@code atMeasureEnd} run on
   * the calling thread at the phase boundaries (for server CPU and memory samples).
   */
  static Observed run(
      Settings settings, Workload workload, Runnable atMeasureStart, Runnable atMeasureEnd)
      throws InterruptedException {
    Schedule schedule = new Schedule(settings.maxRequests(), new Phase(false));
    List<EventLoop> loops = loops(settings, workload, schedule);
    List<Throwable> crashed = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < loops.size(); i++) {
      EventLoop loop = loops.get(i);
      Runnable guarded =
          () -> {
            try {
              loop.run();
            } catch (RuntimeException | Error e) {
              crashed.add(e);
              schedule.abort();
            }
          };
      threads.add(Thread.ofPlatform().name("bench-loop-" + i).daemon().start(guarded));
    }
    Thread.sleep(settings.warmup().toMillis());
    atMeasureStart.run();
    Phase measured = new Phase(true);
    long start = System.nanoTime();
    schedule.measure(measured);
    schedule.awaitEnd(settings.duration());
    schedule.stop();
    long end = System.nanoTime();
    loops.forEach(EventLoop::wakeup);
    atMeasureEnd.run();
    // Requests in flight at the end still finish (each bounded by the timeout) and are counted.
    for (Thread t : threads) {
      t.join();
    }
    if (!crashed.isEmpty()) {
      throw new IllegalStateException("a harness thread failed", crashed.get(0));
    }
    Histogram latency = new Histogram(3);
    long ok = 0;
    Map<String, Long> failures = new TreeMap<>();
    for (EventLoop loop : loops) {
      latency.add(loop.latencyNanos);
      ok += loop.ok;
      loop.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
    }
    return new Observed(latency, ok, failures, Duration.ofNanos(end - start));
  }

  /** The event loops, each with its share of the connections (one request source each). */
  private static List<EventLoop> loops(Settings settings, Workload workload, Schedule schedule) {
    int count = Math.max(1, Math.min(settings.harnessThreads(), settings.connections()));
    List<List<Workload.RequestSource>> shares = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      shares.add(new ArrayList<>());
    }
    for (int i = 0; i < settings.connections(); i++) {
      shares.get(i % count).add(workload.newSource());
    }
    List<EventLoop> loops = new ArrayList<>();
    try {
      for (List<Workload.RequestSource> share : shares) {
        loops.add(new EventLoop(schedule, settings.address(), settings.timeout(), share));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a selector", e);
    }
    return loops;
  }
}
