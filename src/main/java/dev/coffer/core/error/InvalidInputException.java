package dev.coffer.core.error;

/** A request parameter of an IAM or STS call is invalid (IAM InvalidInput). */
public final class InvalidInputException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 400;
  }
}
