package dev.coffer.core.error;

/** The ciphertext was not produced under the KMS key that the request names. */
public final class IncorrectKeyException extends CofferException {
  private static final long serialVersionUID = 1L;

  public IncorrectKeyException(String message) {
    super(message);
  }

  public IncorrectKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
