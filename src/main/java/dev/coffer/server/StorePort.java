package dev.coffer.server;

import dev.coffer.store.Store;
import java.util.function.Supplier;

/**
 * The transaction hooks of a port the server implements over the store ({@code ComplianceStore},
 * {@code RemediationStore}): work runs in the store's transaction for this thread, joining one that
 * is already open, so the port's calls inside {@link #write} share it.
 */
abstract class StorePort {
  final Store store;

  StorePort(Store store) {
    this.store = store;
  }

  /** Runs {@code work} in one write transaction (or the one open on this thread). */
  public <T> T write(Supplier<T> work) {
    return store.write(tx -> work.get());
  }

  /** Runs {@code work} in a read transaction (or the one open on this thread). */
  public <T> T read(Supplier<T> work) {
    return store.read(tx -> work.get());
  }

  /** Runs {@code action} once the write transaction open on this thread has committed. */
  public void afterCommit(Runnable action) {
    store.execute(tx -> tx.afterCommit(action));
  }
}
