package dev.coffer.core.error;

/** The request body exceeds the server's size limit. */
public final class RequestEntityTooLargeException extends CofferException {
  private static final long serialVersionUID = 1L;

  public RequestEntityTooLargeException(String message) {
    super(message);
  }

  public RequestEntityTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 413;
  }
}
