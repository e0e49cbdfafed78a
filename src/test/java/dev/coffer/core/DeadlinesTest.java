package dev.coffer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
  /** A wait that counts its expiries and is over once expired or finished. */
  private static final class Probe implements Deadlines.Wait {
    final AtomicBoolean finished = new AtomicBoolean();
    final AtomicInteger expiries = new AtomicInteger();
    final CountDownLatch expired = new CountDownLatch(1);

    @Override
    public boolean over() {
      return finished.get() || expiries.get() > 0;
    }

    @Override
    public void expire() {
      expiries.incrementAndGet();
      expired.countDown();
    }
  }

  @Test
  void waitNotOverByItsDeadline_isExpiredOnce() throws Exception {
    Probe p = new Probe();

    Deadlines.shared().watch(Duration.ofMillis(50), p);

    assertThat(p.expired.await(30, TimeUnit.SECONDS)).isTrue();
    // Expired waits are forgotten: a few more ticks do not expire it again.
    Probe later = new Probe();
    Deadlines.shared().watch(Duration.ofMillis(50), later);
    assertThat(later.expired.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.expiries.get()).isEqualTo(1);
  }

  @Test
  void waitOverBeforeItsDeadline_isNeverExpired() throws Exception {
    Probe done = new Probe();
    done.finished.set(true);
    Probe marker = new Probe();

    Deadlines.shared().watch(Duration.ofMillis(10), done);
    Deadlines.shared().watch(Duration.ofMillis(60), marker);

    // The marker's deadline is later than the finished wait's: once it expired, the finished
    // wait's deadline had passed in an earlier or the same scan.
    assertThat(marker.expired.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(done.expiries.get()).isZero();
  }

  @Test
  void waitAddedAfterTheWatchdogWentIdle_isStillExpired() throws Exception {
    Probe first = new Probe();
    Deadlines.shared().watch(Duration.ofMillis(10), first);
    assertThat(first.expired.await(30, TimeUnit.SECONDS)).isTrue();
    // Nothing left to watch: the watchdog parks until a new wait arrives and wakes it.
    while (Deadlines.shared().watched() > 0) {
      Thread.sleep(5);
    }
    Thread.sleep(100);

    Probe second = new Probe();
    Deadlines.shared().watch(Duration.ofMillis(10), second);

    assertThat(second.expired.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void future_notDoneByItsDeadline_failsWithTimeout() {
    CompletableFuture<String> f = new CompletableFuture<>();

    Deadlines.shared().watch(Duration.ofMillis(20), f);

    assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void future_doneInTime_keepsItsValue() throws Exception {
    CompletableFuture<String> f = new CompletableFuture<>();
    Deadlines.shared().watch(Duration.ofMillis(30), f);

    f.complete("value");
    Probe marker = new Probe();
    Deadlines.shared().watch(Duration.ofMillis(80), marker);
    assertThat(marker.expired.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(f.get()).isEqualTo("value");
  }
}
