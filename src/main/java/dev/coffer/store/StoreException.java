package dev.coffer.store;

/**
 * The database failed (I/O, constraint, connection). The message names the operation, never values;
 * the protocol layer answers it as an internal error.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
