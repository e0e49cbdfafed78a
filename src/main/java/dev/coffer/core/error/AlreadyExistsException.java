package dev.coffer.core.error;

/** A KMS resource such as an alias with that name already exists. */
public final class AlreadyExistsException extends CofferException {
  private static final long serialVersionUID = 1L;

  public AlreadyExistsException(String message) {
    super(message);
  }

  public AlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
