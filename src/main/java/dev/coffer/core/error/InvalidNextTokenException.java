package dev.coffer.core.error;

/** The pagination token is not one this server issued for the request. */
public final class InvalidNextTokenException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidNextTokenException(String message) {
    super(message);
  }

  public InvalidNextTokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
