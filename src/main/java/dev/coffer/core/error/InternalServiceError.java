package dev.coffer.core.error;

/** An unexpected error occurred inside Coffer; details are logged, never returned. */
public final class InternalServiceError extends CofferException {
  private static final long serialVersionUID = 1L;

  public InternalServiceError(String message) {
    super(message);
  }

  public InternalServiceError(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 500;
  }
}
