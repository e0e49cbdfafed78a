package dev.coffer.core.error;

/** The request would exceed one of the service's quotas. */
public final class LimitExceededException extends CofferException {
  private static final long serialVersionUID = 1L;

  public LimitExceededException(String message) {
    super(message);
  }

  public LimitExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
