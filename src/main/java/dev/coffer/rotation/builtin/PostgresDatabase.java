package dev.coffer.rotation.builtin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * PostgreSQL: passwords change with {@code ALTER ROLE … PASSWORD}, so the server hashes them with
 * its own password_encryption setting; connections ask for TLS and use it when the server offers it
 * ({@code sslmode=prefer}).
 */
final class PostgresDatabase implements Database {
  static final int DEFAULT_PORT = 5432;
  private final Duration timeout;

  PostgresDatabase(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public Connection connect(DatabaseSecret account) throws SQLException {
    String url =
        "jdbc:postgresql://"
            + hostForUrl(account.host())
            + ":"
            + account.port(DEFAULT_PORT)
            + "/"
            + account.dbname().orElse("postgres");
    Properties p = new Properties();
    p.setProperty("user", account.username());
    p.setProperty("password", account.password());
    p.setProperty("sslmode", "prefer");
    long seconds = Math.max(1, timeout.toSeconds());
    p.setProperty("connectTimeout", Long.toString(seconds));
    p.setProperty("loginTimeout", Long.toString(seconds));
    p.setProperty("socketTimeout", Long.toString(seconds));
    p.setProperty("ApplicationName", "coffer-rotation");
    return DriverManager.getConnection(url, p);
  }

  static String hostForUrl(String host) {
    if (!host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
      throw new StepFailure("the secret's host is not a host name or address");
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  @Override
  public void changeOwnPassword(DatabaseSecret current, String newPassword) throws SQLException {
    try (Connection c = connect(current);
        Statement s = c.createStatement()) {
      s.execute(
          "ALTER ROLE "
              + identifier(current.username())
              + " WITH PASSWORD "
              + literal(newPassword));
    }
  }

  @Override
  public void prepareAlternateUser(
      DatabaseSecret master, DatabaseSecret current, DatabaseSecret pending) throws SQLException {
    try (Connection c = connect(master)) {
      c.setAutoCommit(false);
      boolean exists;
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        q.setString(1, pending.username());
        try (ResultSet rs = q.executeQuery()) {
          exists = rs.next();
        }
      }
      try (Statement s = c.createStatement()) {
        String user = identifier(pending.username());
        String password = literal(pending.password());
        if (exists) {
          s.execute("ALTER ROLE " + user + " WITH PASSWORD " + password);
        } else {
          // The new user gets the current user's privileges by membership in its role.
          s.execute("CREATE ROLE " + user + " WITH LOGIN PASSWORD " + password);
          s.execute("GRANT " + identifier(current.username()) + " TO " + user);
        }
      }
      c.commit();
    }
  }

  @Override
  public int maxUserNameLength() {
    return 63;
  }

  /** A double-quoted identifier. */
  static String identifier(String name) {
    if (name.indexOf('\0') >= 0) {
      throw new StepFailure("the user name contains a NUL character");
    }
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * A string literal in the E'' form, which means the same whatever standard_conforming_strings
   * says: backslashes and quotes are escaped.
   */
  static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new StepFailure("the password contains a NUL character");
    }
    return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
