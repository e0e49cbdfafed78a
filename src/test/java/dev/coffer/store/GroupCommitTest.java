package dev.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQLite group commit: writes queued behind a running commit are committed together, yet each keeps
 * the all-or-nothing outcome of a transaction of its own.
 */
class GroupCommitTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private Store store;
  private ExecutorService threads;

  @BeforeEach
  void open() throws IOException {
    store = Store.open(ServerConfig.sqliteUrl(Files.createTempDirectory("coffer-gc")), "", "");
    threads = Executors.newVirtualThreadPerTaskExecutor();
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    store.close();
  }

  private static long insert(Tx tx, String name) {
    return tx.secrets()
        .insert(
            SecretRecord.builder()
                .accountId("123456789012")
                .region("us-east-1")
                .name(name)
                .arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-AbCdEf")
                .createdAt(T0)
                .lastChangedAt(T0)
                .build())
        .id();
  }

  private boolean exists(String name) {
    return store
        .read(tx -> tx.secrets().findByName("123456789012", "us-east-1", name, false))
        .isPresent();
  }

  /** Holds the write lock until released, so that the next writes queue up into one batch. */
  private CountDownLatch blockWriter() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    threads.submit(() ->
        store.write(tx -> {
          started.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return insert(tx, "blocker");
        }));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  private void awaitQueued(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (store.queuedWrites() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(store.queuedWrites()).isGreaterThanOrEqualTo(n);
  }

  @Test
  void write_queuedBehindCommit_allCommitWithTheirResults() throws Exception {
    CountDownLatch release = blockWriter();
    List<Future<Long>> writes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String name = "s" + i;
      writes.add(threads.submit(() -> store.write(tx -> insert(tx, name))));
    }
    awaitQueued(20);

    release.countDown();

    List<Long> ids = new ArrayList<>();
    for (Future<Long> w : writes) {
      ids.add(w.get(10, TimeUnit.SECONDS));
    }
    assertThat(ids).doesNotHaveDuplicates();
    for (int i = 0; i < 20; i++) {
      assertThat(exists("s" + i)).isTrue();
    }
  }

  @Test
  void write_failingUnitInBatch_rollsBackOnlyItself() throws Exception {
    CountDownLatch release = blockWriter();
    Future<Long> before = threads.submit(() -> store.write(tx -> insert(tx, "before")));
    awaitQueued(1);
    Future<Long> failing =
        threads.submit(() ->
            store.write(tx -> {
              insert(tx, "failing");
              throw new IllegalStateException("unit fails after writing");
            }));
    awaitQueued(2);
    Future<Long> after = threads.submit(() -> store.write(tx -> insert(tx, "after")));
    awaitQueued(3);

    release.countDown();

    assertThat(before.get(10, TimeUnit.SECONDS)).isPositive();
    assertThat(after.get(10, TimeUnit.SECONDS)).isPositive();
    assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(exists("before")).isTrue();
    assertThat(exists("after")).isTrue();
    assertThat(exists("failing")).isFalse();
  }

  @Test
  void write_laterUnitInBatch_seesEarlierUnitsWrites() throws Exception {
    CountDownLatch release = blockWriter();
    Future<Long> first = threads.submit(() -> store.write(tx -> insert(tx, "first")));
    awaitQueued(1);
    Future<Boolean> second =
        threads.submit(() ->
            store.write(tx ->
                tx.secrets().findByName("123456789012", "us-east-1", "first", true).isPresent()));
    awaitQueued(2);

    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isPositive();
    assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void writeBatched_queuedCallers_areWrittenByOneCallOfTheWork() throws Exception {
    List<List<String>> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    Store.BatchWork<String> work =
        (tx, names) -> {
          calls.add(List.copyOf(names));
          names.forEach(n -> insert(tx, n));
        };
    CountDownLatch release = blockWriter();
    List<Future<?>> writes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      List<String> names = List.of("b" + i + "x", "b" + i + "y");
      writes.add(threads.submit(() -> store.writeBatched(work, names, Duration.ofSeconds(30))));
    }
    awaitQueued(10);

    release.countDown();

    for (Future<?> w : writes) {
      w.get(10, TimeUnit.SECONDS);
    }
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0)).hasSize(20);
    for (int i = 0; i < 10; i++) {
      assertThat(exists("b" + i + "x")).isTrue();
      assertThat(exists("b" + i + "y")).isTrue();
    }
  }

  @Test
  void writeBatched_failingWork_failsItsCallersOnly() throws Exception {
    Store.BatchWork<String> failing =
        (tx, names) -> {
          names.forEach(n -> insert(tx, n));
          throw new IllegalStateException("the batch fails after writing");
        };
    CountDownLatch release = blockWriter();
    Future<Long> plain = threads.submit(() -> store.write(tx -> insert(tx, "plain")));
    awaitQueued(1);
    Future<?> a =
        threads.submit(() -> store.writeBatched(failing, List.of("fa"), Duration.ofSeconds(30)));
    Future<?> b =
        threads.submit(() -> store.writeBatched(failing, List.of("fb"), Duration.ofSeconds(30)));
    awaitQueued(3);

    release.countDown();

    assertThat(plain.get(10, TimeUnit.SECONDS)).isPositive();
    assertThatThrownBy(() -> a.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(exists("plain")).isTrue();
    assertThat(exists("fa")).isFalse();
    assertThat(exists("fb")).isFalse();
  }

  @Test
  void writeBatched_firstCallerExpired_theBatchsAfterCommitActionsRunOnAnotherCaller()
      throws Exception {
    java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
    Store.BatchWork<String> work =
        (tx, names) -> {
          names.forEach(n -> insert(tx, n));
          tx.afterCommit(ran::incrementAndGet);
        };
    CountDownLatch release = blockWriter();
    Future<?> expired =
        threads.submit(() -> store.writeBatched(work, List.of("first"), Duration.ofMillis(100)));
    assertThatThrownBy(() -> expired.get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(StoreException.class);
    Future<?> second =
        threads.submit(() -> store.writeBatched(work, List.of("second"), Duration.ofSeconds(30)));
    awaitQueued(2);

    release.countDown();

    second.get(10, TimeUnit.SECONDS);
    assertThat(exists("first")).isTrue();
    assertThat(exists("second")).isTrue();
    assertThat(ran).as("the batch's after-commit actions, run once").hasValue(1);
  }

  @Test
  void writeBatched_writerStuckPastTheTimeout_failsTheCallerWhileTheWriterIsStillStuck()
      throws Exception {
    Store.BatchWork<String> work = (tx, names) -> names.forEach(n -> insert(tx, n));
    CountDownLatch release = blockWriter();
    try {
      Future<?> late =
          threads.submit(() -> store.writeBatched(work, List.of("late"), Duration.ofMillis(100)));

      // The writer is held until after this: only the watchdog can end the caller's wait.
      assertThatThrownBy(() -> late.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(StoreException.class)
          .cause()
          .hasMessage("the write was not committed within PT0.1S");
    } finally {
      release.countDown();
    }
    // The store goes on: a timed-out caller's items may still be committed, later ones are.
    store.writeBatched(work, List.of("after"), Duration.ofSeconds(30));
    assertThat(exists("after")).isTrue();
  }

  @Test
  void writeConnection_leavesCheckpointsToTheCheckpointerThread() {
    long pages =
        store.write(tx -> {
          try (var st = tx.connection().createStatement();
              var rs = st.executeQuery("PRAGMA wal_autocheckpoint")) {
            rs.next();
            return rs.getLong(1);
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        });

    assertThat(pages).isZero();
  }
}
