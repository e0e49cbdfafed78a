package dev.coffer.core.error;

/** The access key id or session token is unknown, inactive or expired. */
public final class UnrecognizedClientException extends CofferException {
  private static final long serialVersionUID = 1L;

  public UnrecognizedClientException(String message) {
    super(message);
  }

  public UnrecognizedClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
