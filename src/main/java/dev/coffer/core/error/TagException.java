package dev.coffer.core.error;

/** A tag in the request is not valid. */
public final class TagException extends CofferException {
  private static final long serialVersionUID = 1L;

  public TagException(String message) {
    super(message);
  }

  public TagException(String message, Throwable cause) {
    super(message, cause);
  }
}
