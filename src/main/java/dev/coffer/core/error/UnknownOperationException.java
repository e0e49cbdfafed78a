package dev.coffer.core.error;

/** The request names an operation this endpoint does not serve. */
public final class UnknownOperationException extends CofferException {
  private static final long serialVersionUID = 1L;

  public UnknownOperationException(String message) {
    super(message);
  }

  public UnknownOperationException(String message, Throwable cause) {
    super(message, cause);
  }
}
