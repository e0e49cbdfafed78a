package dev.coffer.crypto;

import java.util.Arrays;
import java.util.Map;

/**
 * Makes and opens Ed25519 signing keys whose private half is kept sealed (AES-256-GCM) under the
 * root key, so that layers that sign (the audit trail's digests) never handle key bytes or the root
 * key themselves. The purpose and the key's fingerprint are bound as associated data: a sealed key
 * copied to another purpose or row does not open.
 */
public final class SigningKeyVault {
  private final SecretBytes rootKey;

  /** A vault under the root key that {@code seal} holds. */
  public SigningKeyVault(SealProvider seal) {
    this.rootKey = seal.unseal();
  }

  /** The root key, for the other vaults of this package that seal under it. */
  SecretBytes rootKey() {
    return rootKey;
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
      return new NewKey(
          fresh.publicKey(), fp, AesGcm.encrypt(rootKey, pkcs8, context(purpose, fp)));
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
    byte[] pkcs8;
    try {
      pkcs8 = AesGcm.decrypt(rootKey, sealedPrivateKey, context(purpose, fingerprint));
    } catch (DecryptionException e) {
      throw new IllegalStateException(
          "the " + purpose + " key cannot be opened with this server's root key", e);
    }
    try {
      return new Signer(fingerprint, SecretBytes.copyOf(pkcs8));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
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
