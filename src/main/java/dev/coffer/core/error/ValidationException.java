package dev.coffer.core.error;

/** The request breaks a constraint of the API model (length, range, pattern or required member). */
public final class ValidationException extends CofferException {
  private static final long serialVersionUID = 1L;

  public ValidationException(String message) {
    super(message);
  }

  public ValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
