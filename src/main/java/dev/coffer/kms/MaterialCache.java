package dev.coffer.kms;

import dev.coffer.crypto.SecretBytes;
import dev.coffer.store.KeyMaterialRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Unwrapped key material, kept for the life of the server so that a cryptographic operation does
 * not read and unwrap its material on every call.
 *
 * <p>Consistency: a material version never changes once written (KMS rotation adds a version, it
 * never alters one), so an entry can never be stale. Whether the key may be used is not cached:
 * callers check the key's committed state in their own transaction before they use material (see
 * {@link CryptoService}), so disabling, scheduling deletion or deleting a key takes effect on the
 * next call, on every node, with no invalidation and no staleness window.
 *
 * <p>Entries are keyed by key id (a random UUID, never reused) and version. Material of deleted
 * keys stays until the server stops (a deleted key's id is never looked up again once its state
 * check fails). Beyond {@link #MAX_ENTRIES} versions, further material is unwrapped per use and
 * wiped right after, as without the cache. Entries are never evicted while the server runs, so
 * material in use by one thread is never wiped under it by another; {@link #close} wipes them all.
 */
final class MaterialCache implements AutoCloseable {
  static final int MAX_ENTRIES = 4096;

  /** Unwrapped material and the public id of its version. */
  record Material(SecretBytes key, String materialId) {}

  private record Id(String keyId, int version) {}

  private final Map<Id, Material> entries = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Runs {@code use} with the material of {@code m}'s version, cached or unwrapped with {@code
   * unwrap}; material that is not cached is wiped after use.
   */
  <T> T with(
      KeyMaterialRecord m,
      Function<KeyMaterialRecord, SecretBytes> unwrap,
      Function<Material, T> use) {
    return with(m.keyId(), m.version(), () -> m, unwrap, use);
  }

  /**
   * As {@link #with(KeyMaterialRecord, Function, Function)}, reading the stored record through
   * {@code load} only when the version is not cached.
   */
  <T> T with(
      String keyId,
      int version,
      java.util.function.Supplier<KeyMaterialRecord> load,
      Function<KeyMaterialRecord, SecretBytes> unwrap,
      Function<Material, T> use) {
    Id id = new Id(keyId, version);
    Material cached = entries.get(id);
    if (cached != null) {
      return use.apply(cached);
    }
    KeyMaterialRecord m = load.get();
    Material fresh = new Material(unwrap.apply(m), m.materialId());
    if (!closed && entries.size() < MAX_ENTRIES) {
      Material raced = entries.putIfAbsent(id, fresh);
      if (raced == null) {
        return use.apply(fresh);
      }
      fresh.key().destroy();
      return use.apply(raced);
    }
    try {
      return use.apply(fresh);
    } finally {
      fresh.key().destroy();
    }
  }

  /** How many versions are cached (for tests). */
  int size() {
    return entries.size();
  }

  /** Wipes every cached version; called when the server stops. */
  @Override
  public void close() {
    closed = true;
    entries.values().forEach(m -> m.key().destroy());
    entries.clear();
  }
}
