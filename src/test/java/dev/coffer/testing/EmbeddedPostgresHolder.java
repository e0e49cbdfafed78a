package dev.coffer.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (starting one takes seconds); each test server gets a fresh
 * database in it. The process is stopped by a shutdown hook when the JVM exits.
 *
 * <p>The hook only stops the server and leaves deleting its data directory to a separate {@code rm}
 * process that outlives the JVM: after a whole suite the directory holds hundreds of databases, and
 * deleting them inside the hook took longer than the 30 seconds Surefire gives a test JVM to exit
 * ("Surefire is going to kill self fork JVM"), so the JVM was killed and the directory left half
 * deleted in /tmp.
 */
public final class EmbeddedPostgresHolder {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private EmbeddedPostgresHolder() {}

  private static synchronized EmbeddedPostgres instance() {
    if (postgres == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("coffer-pg");
        postgres =
            EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
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
                  // The JVM is exiting; the directory is removed below all the same.
                }
                removeLater(dir);
              }));
    }
    return postgres;
  }

  /** Starts {@code rm -rf dir} without waiting for it: it goes on after the JVM exits. */
  private static void removeLater(Path dir) {
    try {
      new ProcessBuilder("rm", "-rf", dir.toString())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException ignored) {
      // A temporary directory left behind is harmless.
    }
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
