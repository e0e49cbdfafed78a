package dev.coffer.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (starting one takes seconds); each test server gets a fresh
 * database in it. The process is stopped by a shutdown hook when the JVM exits.
 */
public final class EmbeddedPostgresHolder {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private EmbeddedPostgresHolder() {}

  private static synchronized EmbeddedPostgres instance() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> {
                try {
                  started.close();
                } catch (IOException ignored) {
                  // The JVM is exiting; nothing more to do.
                }
              }));
    }
    return postgres;
  }

  /** Creates a fresh database and returns its JDBC URL (user postgres, no password). */
  public static String newDatabase() {
    EmbeddedPostgres pg = instance();
    String name = "coffer_test_" + DATABASES.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database", e);
    }
    return pg.getJdbcUrl("postgres", name);
  }
}
