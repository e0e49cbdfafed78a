package dev.coffer.core.error;

/** The request body is not well-formed JSON or a member has the wrong JSON type. */
public final class SerializationException extends CofferException {
  private static final long serialVersionUID = 1L;

  public SerializationException(String message) {
    super(message);
  }

  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
