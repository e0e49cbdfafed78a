package dev.coffer.core.error;

/** A remediation of the rule is running, so its configuration cannot be deleted now. */
public final class RemediationInProgressException extends CofferException {
  private static final long serialVersionUID = 1L;

  public RemediationInProgressException(String message) {
    super(message);
  }
}
