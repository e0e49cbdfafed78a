package dev.coffer.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Makes and opens Ed25519 signing keys whose private half is kept sealed (AES-256-GCM) under the
 * root key, so that layers that sign (the audit trail's digests) never handle key bytes or the root
 * key themselves. The purpose and the key's fingerprint are bound as associated data: a sealed key
 * copied to another purpose or row does not open.
 *
 * <p>A sealed key is {@code 2 || root generation (4 bytes) || AES-GCM output}; keys sealed before
 * root key generations existed are the bare AES-GCM output under generation 1.
 */
public final class SigningKeyVault {
  private static final byte FORMAT_V2 = 2;
  private final RootKeyring root;

  /** A vault under the root key that {@code root} holds. */
  public SigningKeyVault(RootKeyring root) {
    this.root = root;
  }

  /**
   * A new key, ready to store.
   *
   * @param publicKey X.509 DER, publishable
   * @param fingerprint the public key's fingerprint
   * @param sealedPrivateKey the private key sealed under the root key
   */
  @SuppressWarnings("ArrayRecordComponent") // opaque bytes handed to storage as they are
  public record NewKey(byte[] publicKey, String fingerprint, byte[] sealedPrivateKey) {}

  /** Generates a key for {@code purpose} and seals its private half. */
  public NewKey create(String purpose) {
    Ed25519.Keys fresh = Ed25519.generate();
    String fp = Ed25519.fingerprint(fresh.publicKey());
    byte[] pkcs8 = fresh.privateKey().toByteArray();
    try {
      return new NewKey(fresh.publicKey(), fp, seal(pkcs8, purpose, fp));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
      fresh.privateKey().destroy();
    }
  }

  /**
   * Opens a sealed key made by {@link #create} for the same purpose.
   *
   * @throws IllegalStateException when it does not open under this root key
   */
  public Signer open(String purpose, String fingerprint, byte[] sealedPrivateKey) {
    byte[] pkcs8 = openBytes(purpose, fingerprint, sealedPrivateKey);
    try {
      return new Signer(fingerprint, SecretBytes.copyOf(pkcs8));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /**
   * The key re-sealed under the active root generation, or empty when it already is (rotate-root).
   *
   * @throws IllegalStateException when it does not open under this root key
   */
  public Optional<byte[]> reseal(String purpose, String fingerprint, byte[] sealedPrivateKey) {
    if (generation(sealedPrivateKey) == root.activeGeneration()) {
      return Optional.empty();
    }
    byte[] pkcs8 = openBytes(purpose, fingerprint, sealedPrivateKey);
    try {
      return Optional.of(seal(pkcs8, purpose, fingerprint));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** Whether a sealed key is under the active root generation. */
  public boolean isCurrent(byte[] sealedPrivateKey) {
    return generation(sealedPrivateKey) == root.activeGeneration();
  }

  /**
   * Seals a private key under the active root generation ({@link CertifiedKeyVault} seals its keys
   * the same way).
   */
  byte[] seal(byte[] pkcs8, String purpose, String fingerprint) {
    RootKeyring.Wrapped w = root.wrap(pkcs8, context(purpose, fingerprint));
    return ByteBuffer.allocate(5 + w.blob().length)
        .put(FORMAT_V2)
        .putInt(w.generation())
        .put(w.blob())
        .array();
  }

  /**
   * Opens what {@link #seal} sealed.
   *
   * @throws IllegalStateException when it does not open under this root key
   */
  byte[] openBytes(String purpose, String fingerprint, byte[] sealed) {
    byte[] aad = context(purpose, fingerprint);
    try {
      if (isV2(sealed)) {
        try {
          return root.unwrap(generation(sealed), Arrays.copyOfRange(sealed, 5, sealed.length), aad);
        } catch (DecryptionException e) {
          // A pre-generation blob whose random nonce happens to start with the format byte.
        }
      }
      return root.unwrap(1, sealed, aad);
    } catch (DecryptionException e) {
      throw new IllegalStateException(
          "the " + purpose + " key cannot be opened with this server's root key", e);
    }
  }

  private static boolean isV2(byte[] sealed) {
    return sealed.length > 5 && sealed[0] == FORMAT_V2;
  }

  private static int generation(byte[] sealed) {
    return isV2(sealed) ? ByteBuffer.wrap(sealed, 1, 4).getInt() : 1;
  }

  private static byte[] context(String purpose, String fingerprint) {
    return Canonical.encode(Map.of("purpose", purpose, "fingerprint", fingerprint));
  }

  /** An opened signing key; signs without ever handing out its private half. */
  public static final class Signer {
    private final String fingerprint;
    private final SecretBytes privateKey;

    private Signer(String fingerprint, SecretBytes privateKey) {
      this.fingerprint = fingerprint;
      this.privateKey = privateKey;
    }

    public String fingerprint() {
      return fingerprint;
    }

    /** An Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
      return Ed25519.sign(privateKey, message);
    }
  }
}
