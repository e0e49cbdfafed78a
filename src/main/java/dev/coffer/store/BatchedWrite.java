package dev.coffer.store;

import dev.coffer.core.Deadlines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A caller's items for a {@link Store.BatchWork}: on SQLite's writer thread, the items of every
 * queued unit with the same work are written by one call of that work (see {@link GroupCommit}).
 */
final class BatchedWrite<E> extends PendingWrite<Boolean> implements Deadlines.Wait {
  private final Store.BatchWork<E> batchWork;
  private final List<E> items;
  private final Duration timeout;
  private final boolean journaled;

  /**
   * @param timeout how long the caller waits before it is failed (see {@link #expire})
   * @param journaled the work only appends audit events, which may go to SQLite's audit journal
   *     (see {@link Store#writeJournaled})
   */
  BatchedWrite(Store.BatchWork<E> batchWork, List<E> items, Duration timeout, boolean journaled) {
    super(tx -> {
      batchWork.write(tx, items);
      return Boolean.TRUE;
    });
    this.batchWork = batchWork;
    this.items = List.copyOf(items);
    this.timeout = timeout;
    this.journaled = journaled;
  }

  /** Whether the work only appends audit events (see {@link Store#writeJournaled}). */
  boolean journaled() {
    return journaled;
  }

  @Override
  public boolean over() {
    return settled();
  }

  /** Fails the caller's wait; the items may still be committed by a batch already running. */
  @Override
  public void expire() {
    fail(
        new StoreException(
            "the write was not committed within " + timeout,
            new TimeoutException("not committed within " + timeout)));
  }

  Store.BatchWork<E> batchWork() {
    return batchWork;
  }

  List<E> items() {
    return items;
  }
}
