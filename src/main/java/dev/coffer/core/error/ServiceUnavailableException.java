package dev.coffer.core.error;

/** The server cannot answer now, for example because it is sealed or shutting down. */
public final class ServiceUnavailableException extends CofferException {
  private static final long serialVersionUID = 1L;

  public ServiceUnavailableException(String message) {
    super(message);
  }

  public ServiceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int httpStatus() {
    return 503;
  }
}
