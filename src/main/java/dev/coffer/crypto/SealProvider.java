package dev.coffer.crypto;

/**
 * Supplies the root key that wraps all KMS key material. The root key is never stored in clear by
 * the key service: a seal provider keeps it protected at rest and hands it over when the server
 * unseals. Today's provider is {@link KeyFileSeal} (dev mode); passphrase, Shamir and PKCS#11
 * providers plug in behind the same interface.
 */
public interface SealProvider {
  /** A short name for logs and status, e.g. {@code key-file}. */
  String name();

  /**
   * Unseals and returns the 256-bit root key. The caller owns the returned holder and destroys it
   * when the server stops.
   */
  SecretBytes unseal();
}
