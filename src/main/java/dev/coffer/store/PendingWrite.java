package dev.coffer.store;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A unit of write work waiting for, or done by, a group commit. Whoever settles it first (the
 * writer or syncer thread, or the {@link dev.coffer.core.Deadlines} watchdog expiring it) sets the
 * outcome before counting down the latch; the caller reads it after awaiting the latch, which
 * orders the two. Later attempts to settle it change nothing.
 */
class PendingWrite<T> {
  private final Store.Work<T> work;
  private final CountDownLatch done = new CountDownLatch(1);
  private final AtomicBoolean settled = new AtomicBoolean();
  private @Nullable T result;
  // Volatile: the writer asks failed() while the watchdog may be expiring the unit.
  private volatile @Nullable Throwable failure;
  private java.util.List<Runnable> afterCommit = java.util.List.of();

  PendingWrite(Store.Work<T> work) {
    this.work = work;
  }

  /** Runs the work on the writer thread; its result stands only if the batch commits. */
  void run(Tx tx) {
    result = work.run(tx);
  }

  /** Actions the unit registered with {@link Tx#afterCommit}; they run on the caller's thread. */
  void afterCommit(java.util.List<Runnable> actions) {
    afterCommit = java.util.List.copyOf(actions);
  }

  /** The registered actions, once the unit has committed. */
  java.util.List<Runnable> afterCommitActions() {
    return failure == null ? afterCommit : java.util.List.of();
  }

  /** The batch holding this unit committed. */
  void succeed() {
    if (settled.compareAndSet(false, true)) {
      done.countDown();
    }
  }

  /** This unit failed, or its batch did not commit, or it waited too long. */
  void fail(Throwable cause) {
    if (settled.compareAndSet(false, true)) {
      failure = cause;
      done.countDown();
    }
  }

  /** Whether the unit's outcome is known. */
  boolean settled() {
    return settled.get();
  }

  boolean failed() {
    return failure != null;
  }

  /**
   * Waits at most {@code timeout} for the outcome; false when it is not known yet. For tests: the
   * server's callers wait without a timeout (see {@link dev.coffer.core.Deadlines}).
   */
  boolean await(java.time.Duration timeout) throws InterruptedException {
    return done.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /**
   * Waits for the outcome without giving up when interrupted: the unit may already be running, and
   * the caller must learn whether it committed. The interrupt is kept for the caller.
   */
  void await() {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The work's result once committed, or its failure rethrown in the caller's thread. */
  @SuppressWarnings("NullAway") // a unit of work may legitimately return null
  T outcome() {
    Throwable f = failure;
    if (f instanceof RuntimeException e) {
      throw e;
    }
    if (f instanceof Error e) {
      throw e;
    }
    if (f != null) {
      throw new StoreException("database transaction failed", f);
    }
    return result;
  }
}
