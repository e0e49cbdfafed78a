package dev.coffer.core.error;

/** The event category is not one CloudTrail defines (CloudTrail LookupEvents). */
public final class InvalidEventCategoryException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidEventCategoryException(String message) {
    super(message);
  }
}
