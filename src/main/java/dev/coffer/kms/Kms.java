package dev.coffer.kms;

import dev.coffer.crypto.SealProvider;
import dev.coffer.store.Store;
import java.time.Clock;
import java.util.Optional;

/**
 * The key service, wired: unseals the root key and hands out the KMS operations and the secret
 * envelope built on them. Closing it wipes the root key from memory.
 */
public final class Kms implements AutoCloseable {
  private final KeyBarrier barrier;
  private final Keys keys;
  private final KeyService keyService;
  private final AliasService aliases;
  private final RotationService rotation;
  private final CryptoService crypto;

  private Kms(KeyBarrier barrier, Keys keys) {
    this.barrier = barrier;
    this.keys = keys;
    this.keyService = new KeyService(keys);
    this.aliases = new AliasService(keys);
    this.rotation = new RotationService(keys);
    this.crypto = new CryptoService(keys);
  }

  public static Kms start(Store store, SealProvider seal, Clock clock) {
    KeyBarrier barrier = KeyBarrier.unseal(seal);
    return new Kms(barrier, new Keys(store, barrier, clock));
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
    barrier.close();
  }
}
