package dev.coffer.kms;

import dev.coffer.crypto.RootKeyring;
import dev.coffer.store.Store;
import java.time.Clock;
import java.util.Optional;

/**
 * The key service, wired: hands out the KMS operations and the secret envelope built on them, with
 * key material wrapped under the unsealed root key it is given. Closing it wipes the cached
 * unwrapped material; the root key belongs to whoever unsealed it.
 */
public final class Kms implements AutoCloseable {
  private final Keys keys;
  private final KeyService keyService;
  private final AliasService aliases;
  private final RotationService rotation;
  private final CryptoService crypto;

  private Kms(Keys keys) {
    this.keys = keys;
    this.keyService = new KeyService(keys);
    this.aliases = new AliasService(keys);
    this.rotation = new RotationService(keys);
    this.crypto = new CryptoService(keys);
  }

  public static Kms start(Store store, RootKeyring root, Clock clock) {
    return new Kms(new Keys(store, new KeyBarrier(root), clock));
  }

  /**
   * Re-wraps up to {@code limit} key material versions under the active root generation (after
   * {@code coffer operator rotate-root}); returns how many it re-wrapped.
   */
  public int rewrapBatch(int limit) {
    return keys.rewrapBatch(limit);
  }

  /** How many key material versions an older root generation still wraps. */
  public long materialsToRewrap() {
    return keys.countNotUnderActive();
  }

  public KeyService keys() {
    return keyService;
  }

  public AliasService aliases() {
    return aliases;
  }

  public RotationService rotation() {
    return rotation;
  }

  public CryptoService crypto() {
    return crypto;
  }

  /**
   * The envelope for secret values; {@code legacy} reads the values an earlier server sealed with
   * {@link LocalKeyProtector}, if this data directory has any.
   */
  public ValueProtector envelope(Optional<ValueProtector> legacy) {
    return new KmsEnvelope(keys, crypto, legacy);
  }

  /**
   * Makes the key services authorize with {@code authorizer} (shared with the other services, for
   * its policy parse cache). Called once while the server is wired.
   */
  public void useAuthorizer(dev.coffer.policy.Authorizer authorizer) {
    keys.access().use(authorizer);
  }

  /** The cache of unwrapped key material (for tests). */
  MaterialCache materials() {
    return keys.materials();
  }

  /** Background work: automatic rotations that are due, and deletion of expired keys. */
  public void runHousekeeping() {
    rotation.rotateDue();
    keyService.deleteExpired();
  }

  @Override
  public void close() {
    keys.materials().close();
  }
}
