package dev.coffer.core.error;

/** The ARN in the request is not valid. */
public final class InvalidArnException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidArnException(String message) {
    super(message);
  }

  public InvalidArnException(String message, Throwable cause) {
    super(message, cause);
  }
}
