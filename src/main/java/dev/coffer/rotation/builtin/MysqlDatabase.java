package dev.coffer.rotation.builtin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB, through the MariaDB JDBC driver: a user changes its own password with {@code
 * ALTER USER CURRENT_USER() IDENTIFIED BY …} (MySQL 5.7.6+, MariaDB 10.2+); the alternate user is
 * created on the same hosts as the current one and given the current user's grants. Connections try
 * TLS first ({@code sslMode=trust}) and fall back to a plain connection when the server offers
 * none.
 */
final class MysqlDatabase implements Database {
  static final int DEFAULT_PORT = 3306;
  // SHOW GRANTS may print the password hash; it never goes into the copied grant.
  private static final Pattern IDENTIFIED =
      Pattern.compile("\\s+IDENTIFIED\\s+(BY|VIA|WITH)\\s.*$", Pattern.CASE_INSENSITIVE);
  private final Duration timeout;

  MysqlDatabase(Duration timeout) {
    this.timeout = timeout;
  }

  private Connection connect(DatabaseSecret account) throws SQLException {
    String url =
        "jdbc:mariadb://"
            + PostgresDatabase.hostForUrl(account.host())
            + ":"
            + account.port(DEFAULT_PORT)
            + "/"
            + account.dbname().orElse("");
    Properties p = new Properties();
    p.setProperty("user", account.username());
    p.setProperty("password", account.password());
    long ms = Math.max(1000, timeout.toMillis());
    p.setProperty("connectTimeout", Long.toString(ms));
    p.setProperty("socketTimeout", Long.toString(ms));
    p.setProperty("sslMode", "trust");
    try {
      return DriverManager.getConnection(url, p);
    } catch (SQLException tls) {
      p.setProperty("sslMode", "disable");
      try {
        return DriverManager.getConnection(url, p);
      } catch (SQLException plain) {
        plain.addSuppressed(tls);
        throw plain;
      }
    }
  }

  @Override
  public void logIn(DatabaseSecret account) throws SQLException {
    try (Connection c = connect(account);
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
  }

  @Override
  public void changeOwnPassword(DatabaseSecret current, String newPassword) throws SQLException {
    try (Connection c = connect(current);
        Statement s = c.createStatement()) {
      s.execute("ALTER USER CURRENT_USER() IDENTIFIED BY " + literal(newPassword));
    }
  }

  @Override
  public void prepareAlternateUser(
      DatabaseSecret master, DatabaseSecret current, DatabaseSecret pending) throws SQLException {
    try (Connection c = connect(master)) {
      List<String> hosts = hostsOf(c, current.username());
      if (hosts.isEmpty()) {
        throw new StepFailure("the current user does not exist in the database");
      }
      boolean exists = !hostsOf(c, pending.username()).isEmpty();
      try (Statement s = c.createStatement()) {
        for (String host : hosts) {
          String user = account(pending.username(), host);
          if (exists) {
            s.execute("ALTER USER " + user + " IDENTIFIED BY " + literal(pending.password()));
            continue;
          }
          s.execute("CREATE USER " + user + " IDENTIFIED BY " + literal(pending.password()));
          String from = account(current.username(), host);
          List<String> grants = new ArrayList<>();
          try (ResultSet rs = s.executeQuery("SHOW GRANTS FOR " + from)) {
            while (rs.next()) {
              grants.add(rs.getString(1));
            }
          }
          for (String grant : grants) {
            String copied = IDENTIFIED.matcher(grant).replaceFirst("");
            int to = copied.lastIndexOf(" TO ");
            if (to < 0) {
              continue;
            }
            s.execute(copied.substring(0, to) + " TO " + user + withGrantOption(copied, to));
          }
        }
      }
    }
  }

  private static String withGrantOption(String grant, int to) {
    return grant.substring(to).toUpperCase(java.util.Locale.ROOT).contains("WITH GRANT OPTION")
        ? " WITH GRANT OPTION"
        : "";
  }

  private static List<String> hostsOf(Connection c, String user) throws SQLException {
    List<String> hosts = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT Host FROM mysql.user WHERE User = ?")) {
      q.setString(1, user);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          hosts.add(rs.getString(1));
        }
      }
    }
    return hosts;
  }

  @Override
  public int maxUserNameLength() {
    return 32;
  }

  private static String account(String user, String host) {
    return literal(user) + "@" + literal(host);
  }

  /**
   * A quoted string. Backslashes are refused rather than escaped, because their meaning depends on
   * the server's NO_BACKSLASH_ESCAPES mode; quotes are doubled, which works in both.
   */
  static String literal(String value) {
    if (value.indexOf('\\') >= 0 || value.indexOf('\0') >= 0) {
      throw new StepFailure(
          "MySQL user names and passwords may not contain a backslash here; exclude it with"
              + " passwordOptions.ExcludeCharacters");
    }
    return "'" + value.replace("'", "''") + "'";
  }
}
