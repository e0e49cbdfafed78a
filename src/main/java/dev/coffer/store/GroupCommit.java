package dev.coffer.store;

import dev.coffer.core.audit.StoredAuditEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One SQLite group commit: a batch of units of work in one transaction, each in its own savepoint
 * (SQLite "SAVEPOINT" / "ROLLBACK TO"), and one COMMIT, hence one fsync of the WAL for all of them.
 * Runs on {@link SqliteWriter}'s thread.
 *
 * <p>{@link BatchedWrite}s (audit events of reads) are merged: after the other units, the items of
 * all queued units with the same {@link Store.BatchWork} are written by one call of it, in one
 * savepoint; if it fails, all of those units fail and nothing else does.
 */
final class GroupCommit {
  /**
   * Bounds how long the first unit of a batch waits for the others to run before its commit. Most
   * units under load are merged {@link BatchedWrite}s, which cost little each.
   */
  static final int MAX_BATCH = 1024;

  private GroupCommit() {}

  /** What a group commit did. */
  record Outcome(List<PendingWrite<?>> committed, boolean wroteDatabase, boolean changedDatabase) {
    static final Outcome NOTHING = new Outcome(List.of(), false, false);
  }

  /**
   * Runs the batch with {@code open} bound to its transaction on this thread, so that reads and
   * writes made from inside a unit join it. Each unit's after-commit actions are handed to its
   * caller, which runs them on its own thread once the commit is durable: run here, an action that
   * itself writes (an audit event) would wait for this very thread.
   *
   * <p>With SQLite's audit journal (when the store has one), a batch made only of journaled units
   * ({@link BatchedWrite#journaled}) appends their events to the journal and writes nothing to the
   * database, unless {@link AuditJournal#COPY_AT} events are waiting there: then they are copied in
   * first. Any other batch first copies every waiting event, so the database's events stay a prefix
   * of the chain and changes never overtake the reads before them. An empty batch copies the oldest
   * {@code copyAtMost} waiting events.
   */
  static Outcome run(
      DataSource writePool,
      Dialect dialect,
      ThreadLocal<@Nullable Tx> open,
      SecretObserver observer,
      List<PendingWrite<?>> batch,
      @Nullable AuditJournal journal,
      int copyAtMost) {
    if (batch.isEmpty() && (journal == null || journal.pending().isEmpty())) {
      return Outcome.NOTHING;
    }
    boolean journalOnly = journal != null && !batch.isEmpty();
    for (PendingWrite<?> p : batch) {
      if (!(p instanceof BatchedWrite<?> b && b.journaled())) {
        journalOnly = false;
        break;
      }
    }
    int copying = 0;
    boolean copy =
        journal != null && (!journalOnly || journal.pending().size() >= AuditJournal.COPY_AT);
    // A batch that only appends to the journal writes nothing to the database: it needs neither
    // savepoints nor a COMMIT (each a statement, and sqlite-jdbc begins the next transaction
    // right after a COMMIT), so it runs in the write connection's open transaction.
    boolean transactional = !journalOnly || copy;
    try (Connection c = writePool.getConnection()) {
      Tx tx = new Tx(c, dialect, observer);
      open.set(tx);
      try {
        if (journal != null) {
          if (copy) {
            copying = journal.pending().size();
            if (batch.isEmpty()) {
              copying = Math.min(copying, copyAtMost);
            }
            copyIn(tx, journal.pending().subList(0, copying), journal.pendingRecords(copying));
          }
          tx.useJournal(journal, journalOnly);
        }
        Map<Store.BatchWork<?>, List<BatchedWrite<?>>> merged = new LinkedHashMap<>();
        for (PendingWrite<?> p : batch) {
          if (p instanceof BatchedWrite<?> b) {
            merged.computeIfAbsent(b.batchWork(), k -> new ArrayList<>()).add(b);
          } else {
            runOne(c, tx, p);
          }
        }
        for (List<BatchedWrite<?>> units : merged.values()) {
          runMerged(c, tx, units, transactional);
        }
        if (transactional) {
          c.commit();
        }
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        failAll(batch, e);
        return Outcome.NOTHING;
      } finally {
        open.remove();
      }
    } catch (SQLException e) {
      failAll(batch, e);
      return Outcome.NOTHING;
    }
    if (journal != null) {
      journal.copied(copying);
    }
    List<PendingWrite<?>> committed = new ArrayList<>(batch.size());
    for (PendingWrite<?> p : batch) {
      if (!p.failed()) {
        committed.add(p);
      }
    }
    return new Outcome(committed, !journalOnly || copying > 0, !journalOnly && !batch.isEmpty());
  }

  /**
   * Runs one unit inside a savepoint; when it throws, only its own changes are undone and it is
   * marked failed. A savepoint that cannot be rolled back fails the whole batch.
   */
  private static void runOne(Connection c, Tx tx, PendingWrite<?> p) throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    int mark = tx.afterCommitMark();
    try {
      p.run(tx);
      tx.beforeCommit();
    } catch (RuntimeException | Error e) {
      tx.discardChanges();
      c.rollback(savepoint);
      c.releaseSavepoint(savepoint);
      tx.discardAfterCommit(mark);
      p.fail(e);
      return;
    }
    p.afterCommit(tx.takeAfterCommit(mark));
    c.releaseSavepoint(savepoint);
  }

  /**
   * Runs the items of {@code units}, which share one batch work, as one call of it inside one
   * savepoint (when {@code inSavepoint}: a batch that writes only to the journal has nothing to
   * roll back). Its after-commit actions run once, on the thread of the first of its callers to
   * return.
   */
  @SuppressWarnings("unchecked") // every unit of the group has the same work, hence item type
  private static <E> void runMerged(
      Connection c, Tx tx, List<BatchedWrite<?>> units, boolean inSavepoint) throws SQLException {
    Store.BatchWork<E> work = ((BatchedWrite<E>) units.get(0)).batchWork();
    List<E> items = new ArrayList<>();
    for (BatchedWrite<?> u : units) {
      items.addAll(((BatchedWrite<E>) u).items());
    }
    Savepoint savepoint = inSavepoint ? c.setSavepoint() : null;
    int mark = tx.afterCommitMark();
    try {
      work.write(tx, items);
    } catch (RuntimeException | Error e) {
      if (savepoint != null) {
        c.rollback(savepoint);
        c.releaseSavepoint(savepoint);
      }
      tx.discardAfterCommit(mark);
      for (BatchedWrite<?> u : units) {
        u.fail(e);
      }
      return;
    }
    List<Runnable> actions = tx.takeAfterCommit(mark);
    if (!actions.isEmpty()) {
      // Every caller gets them and the first to return runs them: a caller whose wait expired
      // never returns normally, and the batch's actions (its events for the sink) would be lost.
      AtomicBoolean ran = new AtomicBoolean();
      List<Runnable> once =
          List.of(() -> {
            if (ran.compareAndSet(false, true)) {
              Tx.runAll(actions);
            }
          });
      for (BatchedWrite<?> u : units) {
        u.afterCommit(once);
      }
    }
    if (savepoint != null) {
      c.releaseSavepoint(savepoint);
    }
  }

  private static void copyIn(Tx tx, List<StoredAuditEvent> events, byte[] records) {
    try {
      tx.audit().insertBlocks(events, records);
    } catch (RuntimeException e) {
      throw new AuditStoreException(
          "the audit journal's events could not be copied into the database", e);
    }
  }

  private static void failAll(List<PendingWrite<?>> batch, Throwable cause) {
    for (PendingWrite<?> p : batch) {
      if (!p.failed()) {
        p.fail(
            cause instanceof AuditStoreException a
                ? a
                : new StoreException("database transaction failed", cause));
      }
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
