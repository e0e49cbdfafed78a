package dev.coffer.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The unsealed root key, in memory only, shared by everything that keeps key material at rest: the
 * key service wraps KMS key material under it and the audit trail's signing key is sealed under it
 * ({@link SigningKeyVault}). It is generated at initialisation and stored only sealed by the
 * configured {@link Sealer}.
 *
 * <p>The root key has generations: {@code coffer operator rotate-root} adds one and makes it active
 * (new wraps use it), and every generation stays readable, so that what an older one wraps opens
 * until it is re-wrapped. Each wrapped record says which generation wraps it.
 */
public final class RootKeyring implements AutoCloseable {
  private static final byte[] PURPOSE = "coffer/root-key/v1".getBytes(StandardCharsets.UTF_8);
  private final Sealer sealer;
  private final Source source;
  private final Map<Integer, SecretBytes> keys = new ConcurrentHashMap<>();
  private volatile int active;

  /**
   * One root key generation as stored.
   *
   * @param sealed the root key sealed by the seal of {@code sealType}
   * @param active whether new wraps use it
   */
  @SuppressWarnings("ArrayRecordComponent") // stored ciphertext handed to and from storage
  public record Generation(int id, byte[] sealed, String sealType, boolean active) {}

  /** What a wrap produced: the generation that wraps it, to be stored beside the blob. */
  @SuppressWarnings("ArrayRecordComponent")
  public record Wrapped(int generation, byte[] blob) {}

  /** Finds a stored generation that this keyring has not opened (one another node added). */
  @FunctionalInterface
  public interface Source {
    Optional<Generation> find(int id);
  }

  private RootKeyring(Sealer sealer, Source source) {
    this.sealer = sealer;
    this.source = source;
  }

  /**
   * A first root key (generation {@code id}), sealed for storage. When {@code legacyKeyFile} exists
   * (a data directory from before sealing, whose root key lay in clear in that file), its key is
   * adopted so that what it wraps stays readable; otherwise a fresh random key is made.
   */
  public static Generation initialise(Sealer sealer, int id, Optional<Path> legacyKeyFile) {
    SecretBytes key =
        legacyKeyFile.filter(Files::exists).map(KeyFile::loadOrCreate).orElseGet(AesGcm::newKey);
    try {
      return new Generation(id, sealer.seal(key, aad(id)), sealer.type(), true);
    } finally {
      key.destroy();
    }
  }

  /**
   * Opens every stored generation with {@code sealer}; the keyring then owns the sealer.
   *
   * @throws DecryptionException when the sealer does not open them (wrong passphrase or shares)
   * @throws IllegalStateException when no generation is stored or none is active
   */
  public static RootKeyring open(Sealer sealer, List<Generation> generations, Source source) {
    if (generations.isEmpty()) {
      throw new IllegalStateException("no root key generation is stored");
    }
    RootKeyring ring = new RootKeyring(sealer, source);
    int active = -1;
    try {
      for (Generation g : generations) {
        ring.keys.put(g.id(), sealer.open(g.sealed(), aad(g.id())));
        if (g.active() && g.id() > active) {
          active = g.id();
        }
      }
    } catch (RuntimeException e) {
      ring.keys.values().forEach(SecretBytes::destroy);
      throw e;
    }
    if (active < 0) {
      ring.keys.values().forEach(SecretBytes::destroy);
      throw new IllegalStateException("no root key generation is active");
    }
    ring.active = active;
    return ring;
  }

  /** The seal type in use. */
  public String sealType() {
    return sealer.type();
  }

  /** The generation new wraps use. */
  public int activeGeneration() {
    return active;
  }

  /** Encrypts {@code plaintext} under the active generation, binding {@code associatedData}. */
  public Wrapped wrap(byte[] plaintext, byte[] associatedData) {
    int generation = active;
    return new Wrapped(generation, AesGcm.encrypt(key(generation), plaintext, associatedData));
  }

  /**
   * Decrypts what {@link #wrap} produced under {@code generation}.
   *
   * @throws DecryptionException when it does not open (changed, or another key's)
   */
  public byte[] unwrap(int generation, byte[] blob, byte[] associatedData) {
    return AesGcm.decrypt(key(generation), blob, associatedData);
  }

  /**
   * Makes generation {@code id}: a fresh root key, kept here (not yet active) and returned sealed
   * for storage. Call {@link #activate} once it is stored.
   */
  public Generation rotate(int id) {
    SecretBytes key = AesGcm.newKey();
    Generation g = new Generation(id, sealer.seal(key, aad(id)), sealer.type(), true);
    SecretBytes raced = keys.putIfAbsent(id, key);
    if (raced != null) {
      key.destroy();
      throw new IllegalStateException("root key generation " + id + " exists");
    }
    return g;
  }

  /** Makes {@code id} the generation new wraps use, opening it from storage if need be. */
  public void activate(int id) {
    key(id);
    active = id;
  }

  /**
   * Deletes {@code legacyKeyFile} (the clear root key of a data directory from before sealing) once
   * its key is held here as a sealed generation; returns whether it did.
   */
  public boolean retireLegacyKeyFile(Path legacyKeyFile) {
    if (!Files.exists(legacyKeyFile)) {
      return false;
    }
    SecretBytes legacy = KeyFile.loadOrCreate(legacyKeyFile);
    try {
      if (!keys.values().contains(legacy)) {
        return false;
      }
      Files.delete(legacyKeyFile);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + legacyKeyFile, e);
    } finally {
      legacy.destroy();
    }
  }

  private SecretBytes key(int generation) {
    SecretBytes k = keys.get(generation);
    if (k != null) {
      return k;
    }
    // Another node rotated the root key: its new generation is sealed by the same seal.
    Generation g = source.find(generation).orElseThrow(DecryptionException::new);
    SecretBytes opened = sealer.open(g.sealed(), aad(generation));
    SecretBytes raced = keys.putIfAbsent(generation, opened);
    if (raced != null) {
      opened.destroy();
      return raced;
    }
    return opened;
  }

  static byte[] aad(int id) {
    return Canonical.encodeFields(PURPOSE, Integer.toString(id).getBytes(StandardCharsets.UTF_8));
  }

  /** The root key bytes of a generation (tests that scan storage for them). */
  byte[] keyBytes(int generation) {
    return key(generation).toByteArray();
  }

  /** Wipes every generation and the seal key from memory. */
  @Override
  public void close() {
    keys.values().forEach(SecretBytes::destroy);
    keys.clear();
    sealer.close();
  }

  @Override
  public String toString() {
    return "RootKeyring[" + sealer.type() + ", active generation " + active + "]";
  }
}
