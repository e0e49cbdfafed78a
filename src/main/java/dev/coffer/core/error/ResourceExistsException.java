package dev.coffer.core.error;

/** A resource with the name or id that the request gives already exists. */
public final class ResourceExistsException extends CofferException {
  private static final long serialVersionUID = 1L;

  public ResourceExistsException(String message) {
    super(message);
  }

  public ResourceExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
