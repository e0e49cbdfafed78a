package dev.coffer.core.error;

/** The resource policy would grant broad access while public policies are blocked. */
public final class PublicPolicyException extends CofferException {
  private static final long serialVersionUID = 1L;

  public PublicPolicyException(String message) {
    super(message);
  }

  public PublicPolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
