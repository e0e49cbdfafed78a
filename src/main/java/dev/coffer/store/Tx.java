package dev.coffer.store;

import java.sql.Connection;

/** One open transaction; hands out the repositories that work inside it. */
public final class Tx {
  private final Connection connection;
  private final Dialect dialect;
  private @org.jspecify.annotations.Nullable SecretRepository secrets;
  private @org.jspecify.annotations.Nullable KmsRepository kms;

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

  public KmsRepository kms() {
    KmsRepository k = kms;
    if (k == null) {
      k = new KmsRepository(new Sql(connection, dialect));
      kms = k;
    }
    return k;
  }
}
