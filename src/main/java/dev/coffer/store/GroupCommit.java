package dev.coffer.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One SQLite group commit: a batch of units of work in one transaction, each in its own savepoint
 * (SQLite "SAVEPOINT" / "ROLLBACK TO"), and one COMMIT, hence one fsync of the WAL for all of them.
 * Runs on {@link SqliteWriter}'s thread.
 */
final class GroupCommit {
  /** Bounds how long the first unit of a batch waits for the others to run before its commit. */
  static final int MAX_BATCH = 128;

  private GroupCommit() {}

  /**
   * Runs the batch with {@code open} bound to its transaction on this thread, so that reads and
   * writes made from inside a unit join it. Each unit's after-commit actions are handed to its
   * caller, which runs them on its own thread once the commit is durable: run here, an action that
   * itself writes (an audit event) would wait for this very thread.
   */
  static void run(
      DataSource writePool,
      Dialect dialect,
      ThreadLocal<@Nullable Tx> open,
      SecretObserver observer,
      List<PendingWrite<?>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try (Connection c = writePool.getConnection()) {
      Tx tx = new Tx(c, dialect, observer);
      open.set(tx);
      try {
        for (PendingWrite<?> p : batch) {
          runOne(c, tx, p);
        }
        c.commit();
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        failAll(batch, e);
        return;
      } finally {
        open.remove();
      }
    } catch (SQLException e) {
      failAll(batch, e);
      return;
    }
    for (PendingWrite<?> p : batch) {
      if (!p.failed()) {
        p.succeed();
      }
    }
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

  private static void failAll(List<PendingWrite<?>> batch, Throwable cause) {
    for (PendingWrite<?> p : batch) {
      if (!p.failed()) {
        p.fail(new StoreException("database transaction failed", cause));
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
