package dev.coffer.core.error;

/** The caller exceeded a request rate. */
public final class ThrottlingException extends CofferException {
  private static final long serialVersionUID = 1L;

  public ThrottlingException(String message) {
    super(message);
  }

  public ThrottlingException(String message, Throwable cause) {
    super(message, cause);
  }
}
