package dev.coffer.core.error;

/** A parameter value is not valid for the current state of the resource. */
public final class InvalidRequestException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }

  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
