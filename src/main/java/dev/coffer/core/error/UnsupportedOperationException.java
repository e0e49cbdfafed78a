package dev.coffer.core.error;

/**
 * A parameter is not supported, or the resource is not valid for this operation (KMS: for example
 * an asymmetric key spec, or on-demand rotation of an AWS managed key).
 */
public final class UnsupportedOperationException extends CofferException {
  private static final long serialVersionUID = 1L;

  public UnsupportedOperationException(String message) {
    super(message);
  }

  public UnsupportedOperationException(String message, Throwable cause) {
    super(message, cause);
  }
}
