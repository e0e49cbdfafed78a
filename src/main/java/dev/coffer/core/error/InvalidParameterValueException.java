package dev.coffer.core.error;

/** A parameter of an AWS Config call has a value that is not allowed. */
public final class InvalidParameterValueException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidParameterValueException(String message) {
    super(message);
  }
}
