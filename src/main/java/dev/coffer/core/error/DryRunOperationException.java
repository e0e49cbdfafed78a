package dev.coffer.core.error;

/** KMS: the request would have succeeded, but its DryRun parameter was set. */
public final class DryRunOperationException extends CofferException {
  private static final long serialVersionUID = 1L;

  public DryRunOperationException(String message) {
    super(message);
  }

  public DryRunOperationException(String message, Throwable cause) {
    super(message, cause);
  }
}
