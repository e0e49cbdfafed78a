package dev.coffer.crypto;

/**
 * A seal could not be opened or made: a wrong passphrase, too few or corrupted shares, a refused
 * PIN, a missing token. The message is meant for the operator and names no secret.
 */
public final class SealException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SealException(String message) {
    super(message);
  }

  public SealException(String message, Throwable cause) {
    super(message, cause);
  }
}
