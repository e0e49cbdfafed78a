package dev.coffer.core.error;

/** The alias name is not valid. */
public final class InvalidAliasNameException extends CofferException {
  private static final long serialVersionUID = 1L;

  public InvalidAliasNameException(String message) {
    super(message);
  }

  public InvalidAliasNameException(String message, Throwable cause) {
    super(message, cause);
  }
}
