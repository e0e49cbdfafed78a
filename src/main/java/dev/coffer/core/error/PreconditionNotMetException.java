package dev.coffer.core.error;

/** A prerequisite of the request has not been completed. */
public final class PreconditionNotMetException extends CofferException {
  private static final long serialVersionUID = 1L;

  public PreconditionNotMetException(String message) {
    super(message);
  }

  public PreconditionNotMetException(String message, Throwable cause) {
    super(message, cause);
  }
}
