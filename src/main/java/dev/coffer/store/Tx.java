package dev.coffer.store;

import java.sql.Connection;

/** One open transaction; hands out the repositories that work inside it. */
public final class Tx {
  private final Connection connection;
  private final Dialect dialect;
  private @org.jspecify.annotations.Nullable SecretRepository secrets;
  private @org.jspecify.annotations.Nullable RotationRunRepository rotationRuns;

  private final java.util.List<Runnable> afterCommit = new java.util.ArrayList<>();

  Tx(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  public SecretRepository secrets() {
    SecretRepository s = secrets;
    if (s == null) {
      s = new SecretRepository(new Sql(connection, dialect));
      secrets = s;
    }
    return s;
  }

  /**
   * Runs {@code action} once this transaction has committed (never if it rolls back): for
   * notifications that must not describe a change that did not happen.
   */
  public void afterCommit(Runnable action) {
    afterCommit.add(action);
  }

  java.util.List<Runnable> afterCommitActions() {
    return afterCommit;
  }

  public RotationRunRepository rotationRuns() {
    RotationRunRepository r = rotationRuns;
    if (r == null) {
      r = new RotationRunRepository(new Sql(connection, dialect));
      rotationRuns = r;
    }
    return r;
  }
}
