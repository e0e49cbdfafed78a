package dev.coffer.core.error;

/** No remediation configuration exists for the rule named in the request. */
public final class NoSuchRemediationConfigurationException extends CofferException {
  private static final long serialVersionUID = 1L;

  public NoSuchRemediationConfigurationException(String message) {
    super(message);
  }
}
