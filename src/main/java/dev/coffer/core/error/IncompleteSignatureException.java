package dev.coffer.core.error;

/** The SigV4 authentication of the request is malformed or incomplete. */
public final class IncompleteSignatureException extends CofferException {
  private static final long serialVersionUID = 1L;

  public IncompleteSignatureException(String message) {
    super(message);
  }

  public IncompleteSignatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
