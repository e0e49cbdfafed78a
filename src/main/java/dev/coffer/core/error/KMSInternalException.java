package dev.coffer.core.error;

/** An internal error occurred in the key service. */
public final class KMSInternalException extends CofferException {
  private static final long serialVersionUID = 1L;

  public KMSInternalException(String message) {
    super(message);
  }

  public KMSInternalException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 500;
  }
}
