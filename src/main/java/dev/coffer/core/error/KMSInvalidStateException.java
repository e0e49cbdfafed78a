package dev.coffer.core.error;

/** The KMS key's state does not allow the request, for example pending deletion. */
public final class KMSInvalidStateException extends CofferException {
  private static final long serialVersionUID = 1L;

  public KMSInvalidStateException(String message) {
    super(message);
  }

  public KMSInvalidStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
