package dev.coffer.core.error;

/** The temporary credentials that signed the request have expired. */
public final class ExpiredTokenException extends CofferException {
  private static final long serialVersionUID = 1L;

  public ExpiredTokenException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 403;
  }
}
