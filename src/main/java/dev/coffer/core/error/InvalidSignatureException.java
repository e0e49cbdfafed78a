package dev.coffer.core.error;

/** The SigV4 signature does not match, or its date is outside the allowed clock skew. */
public final class InvalidSignatureException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidSignatureException(String message) {
    super(message);
  }

  public InvalidSignatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
