package dev.coffer.auth.iam;

import dev.coffer.core.iam.AccessKeyLastUse;
import dev.coffer.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When and where each long-term access key was last used, recorded without a database write on the
 * request path: a request only replaces the key's entry in memory, and a background flush writes
 * what accumulated in one transaction every {@link #FLUSH_INTERVAL}, so each key is written at most
 * once per interval however busy it is. {@link #close()} flushes, so a clean shutdown keeps the
 * final figure; a crash loses at most one interval's uses (a last-used date is a hint, not an audit
 * fact: the audit trail has every call). Answers merge the unflushed entry, so this node reports a
 * use at once; other nodes of a cluster see it after the next flush.
 */
public final class AccessKeyUsage implements AutoCloseable {
  /** How often uses reach the database: at most once a minute per key. */
  public static final Duration FLUSH_INTERVAL = Duration.ofMinutes(1);

  /** Uses closer together than this (same service and region) are noted once. */
  static final Duration NOTE_GRANULARITY = Duration.ofSeconds(1);

  private static final Logger LOG = Logger.getLogger(AccessKeyUsage.class.getName());

  private final Store store;
  private final Clock clock;
  private final Map<String, AccessKeyLastUse> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;

  private AccessKeyUsage(Store store, Clock clock, ScheduledExecutorService flusher) {
    this.store = store;
    this.clock = clock;
    this.flusher = flusher;
  }

  /** Starts the background flush every {@code interval}. */
  public static AccessKeyUsage start(Store store, Clock clock, Duration interval) {
    ScheduledExecutorService ex =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "coffer-key-usage");
          t.setDaemon(true);
          return t;
        });
    AccessKeyUsage usage = new AccessKeyUsage(store, clock, ex);
    long ms = Math.max(1, interval.toMillis());
    ex.scheduleWithFixedDelay(usage::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
    return usage;
  }

  /**
   * Notes that {@code accessKeyId} signed a request now. Temporary credentials ({@code ASIA...})
   * are not tracked, as in IAM; ids the store does not know are written to no row.
   */
  public void used(String accessKeyId, String region, String service) {
    if (accessKeyId.startsWith("ASIA")) {
      return;
    }
    Instant now = clock.instant();
    AccessKeyLastUse noted = pending.get(accessKeyId);
    // A busy key is noted at most once a second per service and region: a lock-free read instead
    // of a write to one contended map entry on every request.
    if (noted != null
        && noted.service().equals(service)
        && noted.region().equals(region)
        && !now.isAfter(noted.when().plus(NOTE_GRANULARITY))) {
      return;
    }
    pending.put(accessKeyId, new AccessKeyLastUse(now, region, service));
  }

  /** The last use of {@code accessKeyId}: the unflushed one if any, else the stored one. */
  public Optional<AccessKeyLastUse> lastUse(String accessKeyId) {
    Optional<AccessKeyLastUse> stored = store.read(tx -> tx.iam().keyLastUse(accessKeyId));
    AccessKeyLastUse mine = pending.get(accessKeyId);
    if (mine == null) {
      return stored;
    }
    return Optional.of(stored.map(mine::latest).orElse(mine));
  }

  /**
   * Writes every unflushed use in one transaction; a use noted meanwhile stays for the next flush.
   *
   * @return how many keys were written
   */
  public int flush() {
    Map<String, AccessKeyLastUse> batch = Map.copyOf(pending);
    if (batch.isEmpty()) {
      return 0;
    }
    store.execute(tx -> batch.forEach((id, use) -> tx.iam().recordKeyUse(id, use)));
    batch.forEach(pending::remove);
    return batch.size();
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "recording access key use failed; will retry", e);
    }
  }

  /** Stops the background flush and writes what is left. */
  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushQuietly();
  }
}
