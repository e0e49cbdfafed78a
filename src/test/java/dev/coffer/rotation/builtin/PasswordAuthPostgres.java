package dev.coffer.rotation.builtin;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * An embedded PostgreSQL that checks passwords (SCRAM) for every user but {@code postgres}, to play
 * the user's database in rotation tests; the shared test instance trusts everybody.
 */
final class PasswordAuthPostgres implements AutoCloseable {
  private final EmbeddedPostgres pg;

  private PasswordAuthPostgres(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  static PasswordAuthPostgres start() {
    try {
      Path data = Files.createTempDirectory("coffer-userdb");
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
      Files.writeString(
          data.resolve("pg_hba.conf"),
          """
          local all all trust
          host all postgres 127.0.0.1/32 trust
          host all postgres ::1/128 trust
          host all all 127.0.0.1/32 scram-sha-256
          host all all ::1/128 scram-sha-256
          """);
      PasswordAuthPostgres db = new PasswordAuthPostgres(pg);
      db.asSuperuser("SELECT pg_reload_conf()");
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return pg.getPort();
  }

  void asSuperuser(String... statements) {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code user} logs in with {@code password} over TCP. */
  boolean logsIn(String user, String password) {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    try (Connection c =
        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/postgres", p)) {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    pg.close();
  }
}
