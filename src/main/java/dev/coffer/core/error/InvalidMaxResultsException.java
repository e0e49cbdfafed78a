package dev.coffer.core.error;

/** MaxResults is outside its range (CloudTrail LookupEvents). */
public final class InvalidMaxResultsException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidMaxResultsException(String message) {
    super(message);
  }
}
