package dev.coffer.core.error;

/** The ciphertext or its encryption context is not valid for decryption. */
public final class InvalidCiphertextException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidCiphertextException(String message) {
    super(message);
  }

  public InvalidCiphertextException(String message, Throwable cause) {
    super(message, cause);
  }
}
