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
import org.jspecify.annotations.Nullable;

/**
 * MySQL and MariaDB, through the MariaDB JDBC driver. A user changes its own password with the
 * statement its server lets an unprivileged user run: {@code SET PASSWORD = PASSWORD(…)} on MariaDB
 * (whose {@code ALTER USER} needs the CREATE USER privilege even for oneself), {@code ALTER USER
 * CURRENT_USER() IDENTIFIED BY …} on MySQL 5.7.6+ (which has no {@code PASSWORD()} since 8.0). The
 * alternate user is created on the same hosts as the current one, with the current user's TLS
 * requirement ({@code REQUIRE …}) and grants. Connections use TLS ({@code sslMode=trust}) and fall
 * back to a plain connection only when the server offers no TLS at all.
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

  @Override
  public Connection connect(DatabaseSecret account) throws SQLException {
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
      if (!offersNoTls(tls)) {
        throw tls; // a wrong password or a refusal is not a reason to try without TLS
      }
      p.setProperty("sslMode", "disable");
      try {
        return DriverManager.getConnection(url, p);
      } catch (SQLException plain) {
        plain.addSuppressed(tls);
        throw plain;
      }
    }
  }

  /** Whether the driver refused because the server does not offer TLS (MariaDB driver 3.x). */
  private static boolean offersNoTls(SQLException e) {
    String message = e.getMessage();
    return message != null
        && message.toLowerCase(java.util.Locale.ROOT).contains("ssl not enabled in the server");
  }

  @Override
  public void changeOwnPassword(DatabaseSecret current, String newPassword) throws SQLException {
    try (Connection c = connect(current);
        Statement s = c.createStatement()) {
      String version;
      try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
        version = rs.next() ? rs.getString(1) : "";
      }
      s.execute(
          version.contains("MariaDB")
              ? "SET PASSWORD = PASSWORD(" + literal(newPassword) + ")"
              : "ALTER USER CURRENT_USER() IDENTIFIED BY " + literal(newPassword));
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
          String from = account(current.username(), host);
          s.execute(
              "CREATE USER "
                  + user
                  + " IDENTIFIED BY "
                  + literal(pending.password())
                  + tlsRequirement(c, current.username(), host));
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
            s.execute(copied.substring(0, to) + " TO " + user + withGrantOption(grant));
          }
        }
      }
    }
  }

  /**
   * The {@code REQUIRE} clause that gives another account the TLS requirement of {@code
   * user}@{@code host} (SHOW GRANTS prints it after the password hash, which is not copied).
   */
  private static String tlsRequirement(Connection c, String user, String host) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT ssl_type, ssl_cipher, x509_issuer, x509_subject FROM mysql.user"
                + " WHERE User = ? AND Host = ?")) {
      q.setString(1, user);
      q.setString(2, host);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return "";
        }
        String type = String.valueOf(rs.getString(1)).toUpperCase(java.util.Locale.ROOT);
        return switch (type) {
          case "ANY" -> " REQUIRE SSL";
          case "X509" -> " REQUIRE X509";
          case "SPECIFIED" -> specified(rs.getString(2), rs.getString(3), rs.getString(4));
          default -> "";
        };
      }
    }
  }

  private static String specified(
      @Nullable String cipher, @Nullable String issuer, @Nullable String subject) {
    List<String> parts = new ArrayList<>();
    if (issuer != null && !issuer.isEmpty()) {
      parts.add("ISSUER " + literal(issuer));
    }
    if (subject != null && !subject.isEmpty()) {
      parts.add("SUBJECT " + literal(subject));
    }
    if (cipher != null && !cipher.isEmpty()) {
      parts.add("CIPHER " + literal(cipher));
    }
    return parts.isEmpty() ? " REQUIRE SSL" : " REQUIRE " + String.join(" AND ", parts);
  }

  /** Whether the grant as SHOW GRANTS printed it (after the password hash, if any) ends so. */
  private static String withGrantOption(String grant) {
    return grant
            .substring(Math.max(0, grant.lastIndexOf(" TO ")))
            .toUpperCase(java.util.Locale.ROOT)
            .contains("WITH GRANT OPTION")
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
