package dev.coffer.store;

import java.sql.Connection;

/** One open transaction; hands out the repositories that work inside it. */
public final class Tx {
  private final Connection connection;
  private final Dialect dialect;
  private @org.jspecify.annotations.Nullable SecretRepository secrets;
  private @org.jspecify.annotations.Nullable RotationRunRepository rotationRuns;

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

  public RotationRunRepository rotationRuns() {
    RotationRunRepository r = rotationRuns;
    if (r == null) {
      r = new RotationRunRepository(new Sql(connection, dialect));
      rotationRuns = r;
    }
    return r;
  }
}
