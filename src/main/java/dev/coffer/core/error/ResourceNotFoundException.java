package dev.coffer.core.error;

/** The secret, version or other resource that the request names does not exist. */
public final class ResourceNotFoundException extends CofferException {
  private static final long serialVersionUID = 1L;

  public ResourceNotFoundException(String message) {
    super(message);
  }

  public ResourceNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
