package dev.coffer.core.error;

/** The KMS key, alias or other KMS resource does not exist. */
public final class NotFoundException extends CofferException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
