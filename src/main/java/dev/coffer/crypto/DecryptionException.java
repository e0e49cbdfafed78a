package dev.coffer.crypto;

/**
 * Decryption failed. Deliberately says nothing about why: a wrong key, a changed byte and changed
 * associated data must be indistinguishable to the caller.
 */
public final class DecryptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DecryptionException() {
    super("decryption failed", null, false, false);
  }
}
