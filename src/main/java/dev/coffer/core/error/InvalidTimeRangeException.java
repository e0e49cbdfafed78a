package dev.coffer.core.error;

/** The start time is after the end time (CloudTrail LookupEvents). */
public final class InvalidTimeRangeException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidTimeRangeException(String message) {
    super(message);
  }
}
