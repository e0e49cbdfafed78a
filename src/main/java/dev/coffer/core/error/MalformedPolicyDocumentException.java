package dev.coffer.core.error;

/** The policy document is not valid policy grammar. */
public final class MalformedPolicyDocumentException extends CofferException {
  private static final long serialVersionUID = 1L;

  public MalformedPolicyDocumentException(String message) {
    super(message);
  }

  public MalformedPolicyDocumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
