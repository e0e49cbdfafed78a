package dev.coffer.store;

/**
 * The store could not take audit events: on SQLite with an audit journal, copying the journal's
 * events into the database failed, so the transaction that had to copy them first was refused
 * before any of its work ran. The audit layer answers it as it answers any other failure to record
 * events (no audit, no answer).
 */
public final class AuditStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
