package dev.coffer.core.error;

/** The KMS key's usage or spec does not allow the operation. */
public final class InvalidKeyUsageException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidKeyUsageException(String message) {
    super(message);
  }

  public InvalidKeyUsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
