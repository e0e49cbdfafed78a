package dev.coffer.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Makes SQLite commits durable off the writer thread, so that the writer can run the next batch
 * while the previous one's fsync is in flight (the write connection runs with {@code
 * synchronous=NORMAL}, which commits to the WAL without syncing it).
 *
 * <p>The WAL is appended in commit order, so one fsync of it makes every commit before it durable:
 * the syncer takes all the batches that committed since its last fsync, syncs once and only then
 * releases their callers. No caller is answered before its commit is on disk. A reader may see a
 * committed change a moment before it is durable, but every answer is given only once its audit
 * event is durable, and that event's commit comes after the change in the WAL, so no answer can
 * depend on a change that a crash could still take back.
 *
 * <p>On a store with an {@link AuditJournal}, batches that only appended read events to the journal
 * need no fsync of the WAL: a round fsyncs the WAL only if a commit wrote to the database (or
 * copied journal events into it) since the last one, and then the journal's files that were
 * written. The WAL comes first because a journaled event is chained after the database's newest
 * event.
 *
 * <p>A failed fsync leaves the state of the disk unknown (the kernel may have dropped the pages it
 * could not write), so, as PostgreSQL does, the syncer does not retry: it fails the waiting callers
 * and every later one, and the store refuses writes until the server is restarted, when SQLite
 * recovers the WAL to its last valid commit.
 */
final class WalSyncer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WalSyncer.class.getName());
  private static final List<PendingWrite<?>> STOP = new ArrayList<>();

  /**
   * The shortest time from the start of one round to the start of the next when a round released at
   * least {@link #SPACED_FROM} callers. Measured (README, "Performance"): 400 µs against none
   * raised audited GetSecretValue by about 6% (3 of 4 rounds) at 64 connections. The system
   * property {@code coffer.sqlite.minRoundMicros} overrides it for benchmarks (0 turns it off).
   */
  static final long MIN_ROUND_NANOS = Long.getLong("coffer.sqlite.minRoundMicros", 400) * 1000;

  /**
   * Copied journal events after which a round syncs the WAL although nothing else changed: far
   * fewer than a journal file holds, so that its reuse never waits for them (see {@link
   * AuditJournal#append}).
   */
  static final long COPIES_PER_SYNC = 1024;

  /**
   * Callers a round must release before the next round is spaced (see {@link #MIN_ROUND_NANOS}).
   */
  static final int SPACED_FROM = 8;

  private final Path wal;
  private final @Nullable AuditJournal journal;
  private final BlockingQueue<List<PendingWrite<?>>> committed = new LinkedBlockingQueue<>();
  // Whether a commit has written to the database since the last fsync of the WAL: batches that
  // only appended to the audit journal need no fsync of the WAL.
  private final AtomicBoolean walDirty = new AtomicBoolean();
  private final AtomicBoolean copiesDue = new AtomicBoolean();
  private final Thread thread;
  private @Nullable FileChannel channel;
  // Syncer thread: the journal's copiedSeq as of the last fsync of the WAL.
  private long copyForced;
  private volatile @Nullable IOException broken;
  // True from the moment the syncer takes a round until it has released it with nothing queued
  // behind it; the writer waiting in awaitRound is unparked when it ends.
  private volatile boolean busy;
  private volatile @Nullable Thread waiter;

  WalSyncer(Path wal) {
    this(wal, null);
  }

  /**
   * @param journal SQLite's audit journal, synced with the WAL (see {@link AuditJournal})
   */
  WalSyncer(Path wal, @Nullable AuditJournal journal) {
    this.wal = wal;
    this.journal = journal;
    this.thread = Thread.ofPlatform().name("coffer-sqlite-sync").daemon(true).start(this::loop);
  }

  /** Why the store can no longer write durably, if it cannot. */
  @Nullable IOException broken() {
    return broken;
  }

  /**
   * Hands over the units of a committed batch; they are released once it is durable.
   *
   * <p>Copies of the audit journal's events into the database need no fsync of the WAL of their
   * own: the journal keeps the events, and recovery copies them again, until the WAL is synced. A
   * round syncs it for them only once {@link #COPIES_PER_SYNC} copied events wait, or when asked
   * ({@code syncCopies}: the server has gone quiet or is stopping); any other change syncs it
   * anyway, and the copies before it with it.
   *
   * @param changedDatabase the commit wrote to the database other than copies of journal events
   * @param syncCopies make the copies committed so far durable in the next round
   */
  void committed(List<PendingWrite<?>> units, boolean changedDatabase, boolean syncCopies) {
    if (changedDatabase) {
      walDirty.set(true);
    }
    if (syncCopies) {
      copiesDue.set(true);
    }
    if (!units.isEmpty() || changedDatabase || syncCopies) {
      committed.add(units);
    }
  }

  /**
   * Waits, at most {@code maxNanos}, while the syncer is syncing a round (writer thread). A batch
   * committed now would only be synced by the next round anyway, so waiting costs its callers no
   * time, and the callers arriving meanwhile join it: fewer, larger commits, without the writer
   * ever sleeping while nothing is in flight.
   */
  void awaitRound(long maxNanos) {
    if (!busy) {
      return;
    }
    long deadline = System.nanoTime() + maxNanos;
    waiter = Thread.currentThread();
    try {
      long left;
      while (busy && (left = deadline - System.nanoTime()) > 0) {
        LockSupport.parkNanos(this, left);
      }
    } finally {
      waiter = null;
    }
  }

  private void loop() {
    List<List<PendingWrite<?>>> batches = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      batches.clear();
      if (committed.isEmpty()) {
        busy = false;
        Thread w = waiter;
        if (w != null) {
          LockSupport.unpark(w);
        }
      }
      try {
        batches.add(committed.take());
      } catch (InterruptedException e) {
        break;
      }
      busy = true;
      long roundStart = System.nanoTime();
      committed.drainTo(batches);
      stopping = batches.removeIf(b -> b == STOP);
      IOException failure = sync();
      int released = 0;
      for (List<PendingWrite<?>> batch : batches) {
        released += batch.size();
        for (PendingWrite<?> p : batch) {
          if (failure == null) {
            p.succeed();
          } else {
            p.fail(new StoreException("the database could not be made durable", failure));
          }
        }
      }
      // Under heavy concurrent load, space the rounds: an fsync costs about the same CPU however
      // much it syncs, and the callers arriving meanwhile share the next one. A few callers (a
      // round of fewer than SPACED_FROM) are never held back: their next round would be small too.
      long rest = MIN_ROUND_NANOS - (System.nanoTime() - roundStart);
      if (released >= SPACED_FROM && rest > 0 && !stopping) {
        LockSupport.parkNanos(rest);
      }
    }
    closeChannel();
  }

  private @Nullable IOException sync() {
    IOException failed = broken;
    if (failed != null) {
      return failed;
    }
    try {
      AuditJournal j = journal;
      // The journal's events up to this one have been committed into the database: an fsync of
      // the WAL from here on makes that copy durable.
      long copied = j == null ? 0 : j.copiedSeq();
      boolean copies =
          copied > copyForced
              && (copied - copyForced >= COPIES_PER_SYNC || copiesDue.getAndSet(false));
      if (walDirty.getAndSet(false) || copies) {
        FileChannel c = channel;
        if (c == null) {
          c = FileChannel.open(wal, StandardOpenOption.READ, StandardOpenOption.WRITE);
          channel = c;
        }
        c.force(false);
        copyForced = copied;
      }
      if (j != null) {
        // After the WAL: a journaled batch's events follow the database's in the chain.
        j.force();
        j.copyDurable(copyForced);
      }
      return null;
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "fsync of " + wal + " failed; the store refuses writes from now on", e);
      broken = e;
      return e;
    }
  }

  private void closeChannel() {
    FileChannel c = channel;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing " + wal, e);
      }
    }
  }

  /** Releases what was handed over (after a last fsync), then stops. */
  @Override
  public void close() {
    committed.add(STOP);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
