package dev.coffer.store;

import java.util.List;

/**
 * A caller's items for a {@link Store.BatchWork}: on SQLite's writer thread, the items of every
 * queued unit with the same work are written by one call of that work (see {@link GroupCommit}).
 */
final class BatchedWrite<E> extends PendingWrite<Boolean> {
  private final Store.BatchWork<E> batchWork;
  private final List<E> items;

  BatchedWrite(Store.BatchWork<E> batchWork, List<E> items) {
    super(tx -> {
      batchWork.write(tx, items);
      return Boolean.TRUE;
    });
    this.batchWork = batchWork;
    this.items = List.copyOf(items);
  }

  Store.BatchWork<E> batchWork() {
    return batchWork;
  }

  List<E> items() {
    return items;
  }
}
