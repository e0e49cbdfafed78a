package dev.coffer.crypto;

/**
 * An opened seal: what protects the root key at rest once the operator has supplied what it needs
 * (a key file, a passphrase, enough shares, a token PIN). It seals each root key generation for
 * storage and opens the stored ones. Closing it forgets its key.
 */
public interface Sealer extends AutoCloseable {
  /** The seal type stored with each generation: {@code file}, {@code passphrase}, ... */
  String type();

  /** Seals {@code rootKey}, binding {@code associatedData}. */
  byte[] seal(SecretBytes rootKey, byte[] associatedData);

  /**
   * Opens what {@link #seal} produced.
   *
   * @throws DecryptionException when it was sealed by another seal key or changed
   */
  SecretBytes open(byte[] sealed, byte[] associatedData);

  @Override
  void close();
}
