package dev.coffer.store;

import dev.coffer.core.Deadlines;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * SQLite's single writer: one platform thread that runs every write transaction, group-committing
 * the units of work that queued up while the previous commit was being made durable.
 *
 * <p>A platform thread because sqlite-jdbc calls into native code: a virtual thread blocked in
 * fsync would pin its carrier, and with one carrier per core no other request could run, so no
 * batch would ever form. Callers, usually virtual threads, just park until their unit is done.
 */
final class SqliteWriter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SqliteWriter.class.getName());
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  /**
   * How long at most the writer waits for more units before a commit. With a {@link WalSyncer} it
   * waits only while the syncer's round is in flight (see {@link WalSyncer#awaitRound}): what it
   * commits now would be synced by the next round anyway. Without one, it waits the whole delay
   * when the previous batch held more than one unit and fewer have queued since (a lone caller
   * never waits). Each commit has a fixed cost (an append and fsync of the audit journal, or
   * rewritten pages and an fsync of the WAL), so under concurrent load fewer, larger commits cost
   * less CPU per unit. Measured (README, "Performance"): no delay at all cost audited reads 4 of 4
   * rounds against 300 µs; waiting for the syncer's round instead of a fixed 300 µs won 4 of 4. The
   * system property {@code coffer.sqlite.commitDelayMicros} overrides it for benchmarks (0 turns it
   * off).
   */
  static final long COMMIT_DELAY_NANOS =
      Long.getLong("coffer.sqlite.commitDelayMicros", 300) * 1000;

  private final BlockingQueue<PendingWrite<?>> queue = new LinkedBlockingQueue<>();
  private final PendingWrite<Boolean> stop = new PendingWrite<>(tx -> Boolean.TRUE);
  private final Thread thread;
  private final @Nullable WalSyncer syncer;
  private final @Nullable AuditJournal journal;
  private final @Nullable WalCheckpointer checkpointer;
  private final DataSource pool;
  private final Dialect dialect;
  private final ThreadLocal<@Nullable Tx> open;
  private final SecretObserver observer;
  private volatile boolean closed;

  /**
   * @param syncer makes commits durable when the write connection does not sync them itself (see
   *     {@link WalSyncer}); null when each COMMIT syncs ({@code synchronous=FULL})
   * @param journal where the audit events of reads go first (see {@link AuditJournal}); only with a
   *     syncer, which makes it durable
   * @param checkpointer checkpoints the WAL when the write connection does not (file-backed)
   */
  SqliteWriter(
      DataSource pool,
      Dialect dialect,
      ThreadLocal<@Nullable Tx> open,
      SecretObserver observer,
      @Nullable WalSyncer syncer,
      @Nullable AuditJournal journal,
      @Nullable WalCheckpointer checkpointer) {
    this.syncer = syncer;
    this.journal = syncer == null ? null : journal;
    this.checkpointer = checkpointer;
    this.pool = pool;
    this.dialect = dialect;
    this.open = open;
    this.observer = observer;
    this.thread = Thread.ofPlatform().name("coffer-sqlite-writer").daemon(true).start(this::loop);
  }

  /** Runs {@code work} in a write transaction; returns once its commit is durable. */
  <T> T write(Store.Work<T> work) {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("a write transaction cannot start another one");
    }
    PendingWrite<T> pending = new PendingWrite<>(work);
    queue.add(pending);
    if (closed && queue.remove(pending)) {
      pending.fail(new IllegalStateException("the store is closed"));
    }
    pending.await();
    T result = pending.outcome();
    Tx.runAll(pending.afterCommitActions());
    return result;
  }

  /**
   * Queues {@code items} for {@code work}, merged with other callers' items for the same work (see
   * {@link GroupCommit}); returns once they are durable.
   *
   * @throws StoreException they were not committed within {@code timeout} (they may still be), or
   *     the batch failed
   */
  <E> void writeBatched(
      Store.BatchWork<E> work, List<E> items, Duration timeout, boolean journaled) {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("a write transaction cannot start another one");
    }
    BatchedWrite<E> pending = new BatchedWrite<>(work, items, timeout, journaled);
    queue.add(pending);
    if (closed && queue.remove(pending)) {
      pending.fail(new IllegalStateException("the store is closed"));
    }
    // Not a timed wait: see Deadlines for why.
    Deadlines.shared().watch(timeout, pending);
    pending.await();
    pending.outcome();
    Tx.runAll(pending.afterCommitActions());
  }

  /** Writes waiting for the writer (for tests). */
  int queued() {
    return queue.size();
  }

  private void loop() {
    List<PendingWrite<?>> batch = new ArrayList<>();
    int previous = 0;
    boolean copyFailed = false;
    while (true) {
      batch.clear();
      try {
        AuditJournal j = journal;
        if (j == null || j.pending().isEmpty()) {
          batch.add(queue.take());
        } else if (j.pending().size() >= AuditJournal.COPY_IDLE_AT && !copyFailed) {
          PendingWrite<?> next = queue.poll();
          if (next == null) {
            // No caller waits: copy some of the journal's events now rather than in a batch.
            int waiting = j.pending().size();
            commit(batch, AuditJournal.COPY_IDLE_AT, false);
            // A copy that failed is tried again after the next batch or a quiet wait, not at once.
            copyFailed = j.pending().size() >= waiting;
            continue;
          }
          batch.add(next);
        } else {
          PendingWrite<?> next = queue.poll(AuditJournal.COPY_AFTER_MILLIS, TimeUnit.MILLISECONDS);
          if (next == null) {
            // Quiet: copy the journal's events into the database, where readers see them.
            commit(batch, Integer.MAX_VALUE, true);
            continue;
          }
          batch.add(next);
        }
      } catch (InterruptedException e) {
        break;
      }
      WalSyncer s = syncer;
      if (s != null) {
        if (COMMIT_DELAY_NANOS > 0) {
          s.awaitRound(COMMIT_DELAY_NANOS);
        }
      } else if (COMMIT_DELAY_NANOS > 0 && previous > 1 && queue.size() < previous) {
        // Callers are arriving concurrently: give them a moment to join this commit.
        LockSupport.parkNanos(COMMIT_DELAY_NANOS);
      }
      queue.drainTo(batch, GroupCommit.MAX_BATCH - 1);
      previous = batch.size();
      int stopAt = batch.indexOf(stop);
      if (stopAt >= 0) {
        // Also copies what is left in the journal, so that a clean stop leaves it empty.
        commit(new ArrayList<>(batch.subList(0, stopAt)), Integer.MAX_VALUE, true);
        failRest(batch.subList(stopAt + 1, batch.size()));
        break;
      }
      commit(batch, Integer.MAX_VALUE, false);
      copyFailed = false;
    }
    List<PendingWrite<?>> rest = new ArrayList<>();
    queue.drainTo(rest);
    failRest(rest);
  }

  /**
   * Runs one group commit and releases its units once it is durable; an empty batch copies at most
   * {@code copyAtMost} of the audit journal's events. With {@code syncCopies} the next round of the
   * syncer also makes the journal's copied events durable in the database (see {@link
   * WalSyncer#committed}).
   */
  private void commit(List<PendingWrite<?>> batch, int copyAtMost, boolean syncCopies) {
    WalSyncer s = syncer;
    java.io.IOException broken = s == null ? null : s.broken();
    if (broken != null) {
      for (PendingWrite<?> p : batch) {
        p.fail(new StoreException("the database could not be made durable", broken));
      }
      return;
    }
    WalCheckpointer k = checkpointer;
    if (k != null) {
      if (k.takeTooLong()) {
        freshSnapshot(pool, true);
      } else if (k.takeBackfilled()) {
        freshSnapshot(pool, false);
      }
    }
    GroupCommit.Outcome done =
        GroupCommit.run(pool, dialect, open, observer, batch, journal, copyAtMost);
    if (k != null && done.wroteDatabase()) {
      k.committed();
    }
    if (s != null) {
      s.committed(done.committed(), done.changedDatabase(), syncCopies);
    } else {
      done.committed().forEach(PendingWrite::succeed);
    }
  }

  /**
   * Ends the write connection's idle transaction and begins another (sqlite-jdbc begins one as soon
   * as the previous ends), whose snapshot then sees the WAL fully checkpointed, so that its first
   * write starts the WAL over (see {@link WalCheckpointer}). With {@code checkpointFirst} it
   * checkpoints, in between, the few frames the background checkpoint has not yet copied (see
   * {@link WalCheckpointer#takeTooLong}).
   */
  private static void freshSnapshot(DataSource pool, boolean checkpointFirst) {
    try (Connection c = pool.getConnection()) {
      if (!checkpointFirst) {
        c.rollback();
        return;
      }
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA wal_checkpoint(PASSIVE)");
      } finally {
        c.setAutoCommit(false);
      }
    } catch (SQLException e) {
      LOG.log(Level.FINE, "could not begin a fresh snapshot of the WAL", e);
    }
  }

  private static void failRest(List<PendingWrite<?>> rest) {
    for (PendingWrite<?> p : rest) {
      p.fail(new IllegalStateException("the store is closed"));
    }
  }

  /** Lets queued writes finish, then stops the thread; later writes fail. */
  @Override
  public void close() {
    closed = true;
    queue.add(stop);
    try {
      if (!thread.join(CLOSE_WAIT)) {
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (syncer != null) {
      syncer.close();
    }
    if (checkpointer != null) {
      checkpointer.close();
    }
  }
}
