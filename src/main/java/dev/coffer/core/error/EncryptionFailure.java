package dev.coffer.core.error;

/** The secret value could not be encrypted under its key. */
public final class EncryptionFailure extends CofferException {
  private static final long serialVersionUID = 1L;

  public EncryptionFailure(String message) {
    super(message);
  }

  public EncryptionFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
