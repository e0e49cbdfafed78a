package dev.coffer.store;

/** The SQL databases Coffer stores its state in. */
public enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  private final String migrationFolder;

  Dialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /** Flyway location of this dialect's migrations. */
  String migrations() {
    return "classpath:db/migration/" + migrationFolder;
  }

  /** The dialect of a JDBC URL. */
  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported storage URL (expected jdbc:sqlite:... or jdbc:postgresql:...): " + jdbcUrl);
  }
}
