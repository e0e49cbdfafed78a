package dev.coffer.core.error;

/** The KMS key is disabled. */
public final class DisabledException extends CofferException {
  private static final long serialVersionUID = 1L;

  public DisabledException(String message) {
    super(message);
  }

  public DisabledException(String message, Throwable cause) {
    super(message, cause);
  }
}
