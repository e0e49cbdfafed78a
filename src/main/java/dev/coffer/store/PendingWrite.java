package dev.coffer.store;

import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * A unit of write work waiting for, or done by, a group commit. The writer thread sets the outcome
 * before counting down the latch; the caller reads it after awaiting the latch, which orders the
 * two.
 */
class PendingWrite<T> {
  private final Store.Work<T> work;
  private final CountDownLatch done = new CountDownLatch(1);
  private @Nullable T result;
  private @Nullable Throwable failure;
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
    done.countDown();
  }

  /** This unit failed, or its batch did not commit. */
  void fail(Throwable cause) {
    result = null;
    failure = cause;
    done.countDown();
  }

  boolean failed() {
    return failure != null;
  }

  /**
   * Waits at most {@code timeout} for the outcome; false when it is not known yet (the unit may
   * still commit later). An interrupt ends the wait early and is kept for the caller.
   */
  boolean await(java.time.Duration timeout) {
    try {
      return done.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
