package dev.coffer.core.error;

/** The request carries no SigV4 authentication. */
public final class MissingAuthenticationTokenException extends CofferException {
  private static final long serialVersionUID = 1L;

  public MissingAuthenticationTokenException(String message) {
    super(message);
  }

  public MissingAuthenticationTokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
