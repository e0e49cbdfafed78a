package dev.coffer.core.error;

/** The AWS Config rule named in the request does not exist. */
public final class NoSuchConfigRuleException extends CofferException {
  private static final long serialVersionUID = 1L;

  public NoSuchConfigRuleException(String message) {
    super(message);
  }
}
