package dev.coffer.core.error;

/** The lookup attributes are invalid (CloudTrail LookupEvents). */
public final class InvalidLookupAttributesException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidLookupAttributesException(String message) {
    super(message);
  }
}
