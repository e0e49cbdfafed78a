package dev.coffer.secrets;

import dev.coffer.core.RequestContext;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.StoredValue;
import dev.coffer.store.Tx;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A read-through cache of secrets (metadata, versions, labels) and of their versions' protected
 * values, for GetSecretValue: a hit costs one primary-key query instead of six.
 *
 * <p>Consistency: every hit is validated inside the reader's transaction against the committed
 * {@code secrets.revision}, which the repository increments with every change to a secret or its
 * versions, labels, tags or values. A reader therefore sees exactly what a cache-less read in the
 * same transaction would see, whichever node made the change: this holds for a PostgreSQL cluster
 * as for a single SQLite node, with no invalidation messages and no staleness window. Revisions
 * only grow, so an entry is replaced only by a newer one.
 *
 * <p>Only lookups whose answer can change through a revision alone are cached: by name, and by full
 * ARN when the ARN matched exactly. A partial ARN is resolved afresh each time (a secret created
 * later could match it exactly), and a miss is never cached.
 *
 * <p>Values stay encrypted in the cache; plaintext is never kept. Memory is bounded by entry count
 * and value bytes; when either bound is reached the cache is emptied and refills on demand.
 */
final class SecretCache {
  static final int MAX_ENTRIES = 50_000;
  static final long MAX_VALUE_BYTES = 64L << 20;

  /** What a SecretId resolves against: the caller's account and the request's region. */
  private record Key(String accountId, String region, String secretId) {}

  /** One secret at one revision, and the protected values read so far. */
  private record Entry(SecretRecord secret, Map<String, StoredValue> values) {}

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong valueBytes = new AtomicLong();

  /**
   * The secret {@code secretId} names, current as of {@code tx}: from the cache when its revision
   * is still the committed one, otherwise loaded through {@link SecretResolver} and cached.
   */
  Optional<SecretRecord> resolve(Tx tx, RequestContext ctx, String secretId) {
    Key key = new Key(ctx.accountId(), ctx.region(), secretId);
    Entry cached = entries.get(key);
    if (cached != null) {
      OptionalLong revision = tx.secrets().revision(cached.secret().id());
      if (revision.isPresent() && revision.getAsLong() == cached.secret().revision()) {
        return Optional.of(cached.secret());
      }
      remove(key, cached);
    }
    Optional<SecretRecord> loaded = SecretResolver.resolve(tx.secrets(), ctx, secretId, false);
    loaded.filter(s -> cacheable(secretId, s)).ifPresent(s -> put(key, s));
    return loaded;
  }

  /**
   * The protected value of {@code versionId} of {@code s}, a record {@link #resolve} returned in
   * the same transaction; read from the store on the first request.
   */
  Optional<StoredValue> value(
      Tx tx, RequestContext ctx, String secretId, SecretRecord s, String versionId) {
    Entry found = entries.get(new Key(ctx.accountId(), ctx.region(), secretId));
    Optional<Entry> entry =
        Optional.ofNullable(found)
            .filter(e -> e.secret().id() == s.id() && e.secret().revision() == s.revision());
    Optional<StoredValue> cached = entry.map(e -> e.values().get(versionId));
    if (cached.isPresent()) {
      return cached;
    }
    Optional<StoredValue> read = tx.secrets().readValue(s.id(), versionId);
    if (entry.isPresent() && read.isPresent()) {
      long size = read.get().blob().length;
      if (valueBytes.addAndGet(size) > MAX_VALUE_BYTES) {
        clear();
      } else if (entry.get().values().putIfAbsent(versionId, read.get()) != null) {
        valueBytes.addAndGet(-size);
      }
    }
    return read;
  }

  /** Name lookups, and ARN lookups that matched the ARN exactly (not as a partial ARN). */
  private static boolean cacheable(String secretId, SecretRecord s) {
    return SecretArns.parse(secretId).isEmpty() || s.arn().equals(secretId);
  }

  private void put(Key key, SecretRecord s) {
    if (entries.size() >= MAX_ENTRIES) {
      clear();
    }
    entries.merge(
        key,
        new Entry(s, new ConcurrentHashMap<>()),
        (old, fresh) -> {
          if (old.secret().id() == fresh.secret().id()
              && old.secret().revision() >= fresh.secret().revision()) {
            return old;
          }
          release(old);
          return fresh;
        });
  }

  private void remove(Key key, Entry entry) {
    if (entries.remove(key, entry)) {
      release(entry);
    }
  }

  private void release(Entry entry) {
    long bytes = 0;
    for (StoredValue v : entry.values().values()) {
      bytes += v.blob().length;
    }
    valueBytes.addAndGet(-bytes);
  }

  private void clear() {
    entries.clear();
    valueBytes.set(0);
  }

  /** How many secrets are cached (for tests). */
  int size() {
    return entries.size();
  }
}
