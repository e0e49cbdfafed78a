package dev.coffer.core.error;

/** The secret value could not be decrypted under its key. */
public final class DecryptionFailure extends CofferException {
  private static final long serialVersionUID = 1L;

  public DecryptionFailure(String message) {
    super(message);
  }

  public DecryptionFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
