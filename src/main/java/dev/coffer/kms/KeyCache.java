package dev.coffer.kms;

import dev.coffer.store.KmsKeyRecord;
import dev.coffer.store.Tx;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KMS key records kept in memory for the read path of secret values, where every GetSecretValue
 * needs its key's state and policy. Each use confirms the cached copy with one primary-key lookup
 * of {@code kms_keys.revision} in the caller's transaction, which every change to a key increments;
 * so a hit is what a fresh read in that transaction would return, whichever server changed the key,
 * and no invalidation is needed.
 *
 * <p>The revision is read before the record it is stored with: a record can only be newer than its
 * revision, never older, so a racing reader can cause an extra miss but never a stale hit.
 */
final class KeyCache {
  /** Far more keys than a server serves; when exceeded the cache starts again empty. */
  static final int MAX_ENTRIES = 4096;

  private record Entry(long revision, KmsKeyRecord key) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** The key {@code keyId} of the account and region as {@code tx} sees it; empty if none. */
  Optional<KmsKeyRecord> current(Tx tx, String accountId, String region, String keyId) {
    Optional<Long> revision = tx.kms().keyRevision(accountId, region, keyId);
    if (revision.isEmpty()) {
      entries.remove(keyId);
      return Optional.empty();
    }
    Entry cached = entries.get(keyId);
    if (cached != null && cached.revision() == revision.get()) {
      return Optional.of(cached.key());
    }
    Optional<KmsKeyRecord> loaded = tx.kms().findKey(accountId, region, keyId, false);
    if (loaded.isEmpty()) {
      entries.remove(keyId);
      return loaded;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(keyId, new Entry(revision.get(), loaded.get()));
    return loaded;
  }
}
