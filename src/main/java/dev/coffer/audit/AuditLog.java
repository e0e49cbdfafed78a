package dev.coffer.audit;

import dev.coffer.core.Deadlines;
import dev.coffer.core.audit.AuditHead;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.core.error.ServiceUnavailableException;
import dev.coffer.store.AuditStoreException;
import dev.coffer.store.Store;
import dev.coffer.store.Tx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Writes audit events durably, failing closed: no audit, no answer.
 *
 * <ul>
 *   <li>A state-changing call runs in {@link #inTransaction}: its changes and its event commit in
 *       one transaction, or neither does.
 *   <li>Any other event (a read, a refused call, a background action outside a transaction) goes
 *       through {@link #record}, which returns only once the event is committed. Concurrent
 *       callers' events are committed together (group commit: one transaction and one fsync for
 *       many events; on SQLite by the store's writer thread, merged into its group commit), so
 *       waiting costs little throughput.
 *   <li>When the events cannot be written, the caller gets ServiceUnavailableException and {@link
 *       #problem} reports why until a write succeeds again.
 * </ul>
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
  private final Store store;
  private final Duration commitTimeout;
  private final boolean enabled;
  private final Consumer<List<StoredAuditEvent>> sink;
  // Where this log tells the sealer what it chained, so that the sealer need not read it back.
  private final ChainWitness witness;
  // PostgreSQL: one thread batches concurrent callers' events into one transaction. SQLite needs
  // none: its writer thread merges them itself (Store.writeBatched), one hand-off fewer a batch.
  private final @Nullable GroupCommitter committer;
  private final Store.BatchWork<AuditEvent> appendWork = this::append;
  private volatile @Nullable String problem;

  AuditLog(
      Store store,
      AuditSettings settings,
      Consumer<List<StoredAuditEvent>> sink,
      ChainWitness witness) {
    this.store = store;
    this.commitTimeout = settings.commitTimeout();
    this.enabled = settings.enabled();
    this.sink = sink;
    this.witness = witness;
    this.committer = store.mergesBatches() ? null : new GroupCommitter(this::appendBatch);
  }

  /**
   * An audit log on {@code store} with {@code settings}, no sink and no witness (embedding and
   * tests where nothing in this process seals).
   */
  public static AuditLog open(Store store, AuditSettings settings) {
    return new AuditLog(store, settings, events -> {}, ChainWitness.none());
  }

  /**
   * An audit log on {@code store} with {@code settings} and no sink that tells {@code witness} what
   * it chains: a server's other audit logs (the operator API's) pass the witness its {@link
   * AuditTrail} seals from, so that their events are sealed without reading them back.
   */
  public static AuditLog open(Store store, AuditSettings settings, ChainWitness witness) {
    return new AuditLog(store, settings, events -> {}, witness);
  }

  /**
   * Runs {@code work} in one write transaction together with the events made from its result. Store
   * calls that {@code work} makes join that transaction.
   *
   * @throws ServiceUnavailableException the events could not be written; nothing was changed
   */
  public <T> T inTransaction(Supplier<T> work, Function<T, List<AuditEvent>> events) {
    if (!enabled) {
      return work.get();
    }
    boolean[] workDone = {false};
    try {
      T result =
          store.write(tx -> {
            T r = work.get();
            workDone[0] = true;
            append(tx, events.apply(r));
            return r;
          });
      healthy();
      return result;
    } catch (RuntimeException e) {
      if (!workDone[0] && !(e instanceof AuditStoreException)) {
        throw e;
      }
      throw failed(e);
    }
  }

  /**
   * Makes {@code events} durable before returning: inside the write transaction open on this thread
   * if there is one (they commit with it), otherwise through the group commit.
   *
   * @throws ServiceUnavailableException they could not be written in time
   */
  public void record(List<AuditEvent> events) {
    if (!enabled || events.isEmpty()) {
      return;
    }
    if (store.inWriteTransaction()) {
      store.execute(tx -> append(tx, events));
      return;
    }
    GroupCommitter c = committer;
    if (c == null) {
      try {
        // While the store is failing, events go straight to the database, so that each caller
        // learns at once whether its event was written; the journal is for a healthy store.
        if (problem == null) {
          store.writeJournaled(appendWork, events, commitTimeout);
        } else {
          store.writeBatched(appendWork, events, commitTimeout);
        }
      } catch (RuntimeException e) {
        throw failed(e);
      }
      healthy();
      return;
    }
    CompletableFuture<Void> done = c.submit(events);
    // Not a timed wait: see Deadlines for why.
    Deadlines.shared().watch(commitTimeout, done);
    try {
      done.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw failed(
            new IllegalStateException("the audit store did not commit within " + commitTimeout));
      }
      throw failed(e.getCause() == null ? e : e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(e);
    }
  }

  /** Why the audit log cannot take events now, if it cannot. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  private void appendBatch(List<AuditEvent> events) {
    try {
      store.execute(tx -> append(tx, events));
      healthy();
    } catch (RuntimeException e) {
      problem = reason(e);
      throw e;
    }
  }

  /** Numbers and chains {@code events} after the head and appends them in {@code tx}. */
  private void append(Tx tx, List<AuditEvent> events) {
    AuditHead head = tx.audit().lockHead();
    List<StoredAuditEvent> rows = new ArrayList<>(events.size());
    long seq = head.lastSeq();
    String hash = head.lastHash();
    for (AuditEvent e : events) {
      seq++;
      StoredAuditEvent unchained = e.row(seq, "");
      hash = EventChain.link(hash, unchained);
      rows.add(unchained.at(seq, hash));
    }
    tx.audit().append(rows);
    Optional<ChainWitness.Run> witnessed =
        witness.appended(head.lastSeq() + 1, seq, head.lastHash(), hash);
    witnessed.ifPresent(run -> tx.afterCommit(() -> witness.committed(run)));
    tx.afterCommit(() -> sink.accept(rows));
  }

  private void healthy() {
    if (problem != null) {
      problem = null;
      LOG.info("the audit store takes events again");
    }
  }

  private ServiceUnavailableException failed(Throwable cause) {
    String reason = reason(cause);
    problem = reason;
    LOG.log(Level.SEVERE, "audit events could not be written; refusing requests: " + reason, cause);
    return new ServiceUnavailableException(
        "The request was refused because its audit record could not be written. Try again later.");
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return "audit store unavailable: " + (m == null ? root.getClass().getSimpleName() : m);
  }

  @Override
  public void close() {
    if (committer != null) {
      committer.close();
    }
  }
}
