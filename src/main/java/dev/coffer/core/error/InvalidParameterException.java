package dev.coffer.core.error;

/** A parameter's value is not valid for the operation. */
public final class InvalidParameterException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidParameterException(String message) {
    super(message);
  }

  public InvalidParameterException(String message, Throwable cause) {
    super(message, cause);
  }
}
