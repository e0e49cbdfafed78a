package dev.coffer.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Checkpoints the WAL of a file-backed SQLite database on a thread of its own, so that the writer
 * thread never does.
 *
 * <p>SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold, on the writer
 * thread: it copies the WAL's pages into the database and fsyncs both files, 2 to 5 ms in which no
 * commit is made and every caller waiting for one waits too. Under read load that idled the CPUs
 * (every connection ended up waiting for the writer) and made the slowest requests. A PASSIVE
 * checkpoint on another connection does the same copying while the writer goes on committing.
 *
 * <p>What SQLite then cannot do by itself is start the WAL over: it does so at a writer's first
 * write only if that writer's snapshot began after a checkpoint had copied every frame, and the
 * write connection (sqlite-jdbc begins its next transaction as soon as one commits) holds a
 * snapshot from just after its last commit. So when a checkpoint has copied everything, the writer
 * is told ({@link #takeBackfilled}) and begins a fresh snapshot before its next write; that write
 * then restarts the WAL at its beginning, as the automatic checkpoint would have.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WalCheckpointer.class.getName());

  /**
   * WAL frames (about 4 MiB) past which the writer finishes a checkpoint itself: under steady load
   * the background checkpoint rarely copies the very last frames before the next commit adds more,
   * so the WAL would never start over and its file would keep growing.
   */
  static final long TOO_LONG_FRAMES = 1000;

  /** Commits that wrote to the database after which a checkpoint runs. */
  static final int EVERY_COMMITS = 4;

  /** How long a commit may wait for a checkpoint when fewer than {@link #EVERY_COMMITS} follow. */
  static final long AT_MOST_MILLIS = 100;

  private final String jdbcUrl;
  private final AtomicInteger commits = new AtomicInteger();
  private final AtomicBoolean backfilled = new AtomicBoolean();
  private final AtomicBoolean tooLong = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean closed;

  WalCheckpointer(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
    this.thread =
        Thread.ofPlatform().name("coffer-sqlite-checkpoint").daemon(true).start(this::loop);
  }

  /** A commit wrote to the database (writer thread). */
  void committed() {
    if (commits.incrementAndGet() == EVERY_COMMITS) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * Whether a checkpoint has copied every frame since the writer last asked: the writer should then
   * begin a new snapshot before its next write, so that the write restarts the WAL.
   */
  boolean takeBackfilled() {
    return backfilled.getAndSet(false);
  }

  /**
   * Whether the WAL has grown past {@link #TOO_LONG_FRAMES} since the writer last asked: the writer
   * should then checkpoint what the background checkpoint left (a few frames) itself, between two
   * transactions, and begin a fresh snapshot.
   */
  boolean takeTooLong() {
    return tooLong.getAndSet(false);
  }

  private void loop() {
    @Nullable Connection c = null;
    while (!closed) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(AT_MOST_MILLIS));
      if (closed) {
        break;
      }
      if (commits.getAndSet(0) == 0) {
        continue;
      }
      try {
        if (c == null) {
          c = DriverManager.getConnection(jdbcUrl);
        }
        checkpoint(c);
      } catch (SQLException e) {
        // The next commit's checkpoint tries again; SQLite's WAL just grows meanwhile.
        LOG.log(Level.WARNING, "checkpoint of the SQLite WAL failed", e);
        close(c);
        c = null;
      }
    }
    close(c);
  }

  private void checkpoint(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      if (rs.next()) {
        int busy = rs.getInt(1);
        long log = rs.getLong(2);
        long copied = rs.getLong(3);
        if (busy == 0 && log > 0 && copied == log) {
          backfilled.set(true);
        } else if (log > TOO_LONG_FRAMES) {
          tooLong.set(true);
        }
      }
    }
  }

  private static void close(@Nullable Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.log(Level.FINE, "closing the checkpoint connection", e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
