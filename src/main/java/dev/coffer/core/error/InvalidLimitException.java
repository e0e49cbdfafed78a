package dev.coffer.core.error;

/** The Limit of an AWS Config call is out of range. */
public final class InvalidLimitException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidLimitException(String message) {
    super(message);
  }
}
