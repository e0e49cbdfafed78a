package dev.coffer.core.error;

/** The caller is not authorized to perform the action on the resource. */
public final class AccessDeniedException extends CofferException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(String message) {
    super(message);
  }

  public AccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
