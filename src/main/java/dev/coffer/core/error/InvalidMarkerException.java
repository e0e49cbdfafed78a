package dev.coffer.core.error;

/** The pagination marker is not one this server issued. */
public final class InvalidMarkerException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidMarkerException(String message) {
    super(message);
  }

  public InvalidMarkerException(String message, Throwable cause) {
    super(message, cause);
  }
}
