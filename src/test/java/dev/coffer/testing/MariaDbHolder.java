package dev.coffer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One MariaDB server per test JVM, started from Debian's {@code mariadb-server} package: {@code
 * mariadb-install-db} makes a data directory in a temporary directory, and {@code mariadbd} serves
 * it on a free port of 127.0.0.1 (its unix socket also in the temporary directory), with TLS on a
 * certificate made by {@code openssl}. An administrator account {@code coffer_admin} with a random
 * password is created at start. A shutdown hook stops the server and removes the directory when the
 * JVM exits.
 *
 * <p>When {@code mariadbd} is not installed the tests that need it fail with a message that says
 * how to install it ({@code ./build test} does that); they are never skipped.
 */
public final class MariaDbHolder {
  public static final String ADMIN = "coffer_admin";
  private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
  private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin");

  private static MariaDbHolder instance;

  private final Process process;
  private final Path dir;
  private final int port;

  private MariaDbHolder(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** The running server, started on first use. */
  public static synchronized MariaDbHolder get() {
    if (instance == null) {
      instance = start();
      MariaDbHolder started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
    }
    return instance;
  }

  public int port() {
    return port;
  }

  public String adminPassword() {
    return ADMIN_PASSWORD;
  }

  /** A JDBC URL for {@code database} (may be empty) on this server. */
  public String url(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
  }

  /** Runs {@code statements} as the administrator, over TLS. */
  public void asAdmin(String... statements) {
    try (Connection c = connect(ADMIN, ADMIN_PASSWORD, true);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("MariaDB refused: " + e.getMessage(), e);
    }
  }

  /** The first column of the first row of {@code query}, run as the administrator. */
  public Optional<String> queryAsAdmin(String query) {
    try (Connection c = connect(ADMIN, ADMIN_PASSWORD, true);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      throw new IllegalStateException("MariaDB refused: " + e.getMessage(), e);
    }
  }

  /** Whether {@code user} logs in with {@code password} over TLS on TCP. */
  public boolean logsIn(String user, String password) {
    try (Connection c = connect(user, password, true)) {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Whether {@code user} logs in with {@code password} on TCP without TLS. */
  public boolean logsInWithoutTls(String user, String password) {
    try (Connection c = connect(user, password, false)) {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  private Connection connect(String user, String password, boolean tls) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("sslMode", tls ? "trust" : "disable");
    p.setProperty("connectTimeout", "10000");
    return DriverManager.getConnection(url(""), p);
  }

  private static MariaDbHolder start() {
    Path mariadbd = find("mariadbd");
    Path installDb = find("mariadb-install-db");
    Path openssl = find("openssl");
    try {
      Path dir = Files.createTempDirectory("coffer-mariadb");
      Path data = dir.resolve("data");
      boolean root = "root".equals(System.getProperty("user.name"));
      List<String> install = new ArrayList<>();
      install.addAll(
          List.of(
              installDb.toString(),
              "--no-defaults",
              "--datadir=" + data,
              "--auth-root-authentication-method=socket",
              "--skip-test-db"));
      if (root) {
        install.add("--user=root");
      }
      run(install, dir.resolve("install.log"));
      run(
          List.of(
              openssl.toString(),
              "req",
              "-x509",
              "-newkey",
              "rsa:2048",
              "-nodes",
              "-days",
              "2",
              "-subj",
              "/CN=127.0.0.1",
              "-keyout",
              dir.resolve("key.pem").toString(),
              "-out",
              dir.resolve("cert.pem").toString()),
          dir.resolve("openssl.log"));
      // mariadbd runs an init file one statement per line, before it accepts connections.
      Files.writeString(
          dir.resolve("init.sql"),
          "CREATE USER IF NOT EXISTS '"
              + ADMIN
              + "'@'127.0.0.1' IDENTIFIED BY '"
              + ADMIN_PASSWORD
              + "' REQUIRE SSL;\n"
              + "GRANT ALL PRIVILEGES ON *.* TO '"
              + ADMIN
              + "'@'127.0.0.1' WITH GRANT OPTION;\n",
          StandardCharsets.UTF_8);
      IOException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.addAll(
            List.of(
                mariadbd.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--bind-address=127.0.0.1",
                "--port=" + port,
                "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"),
                "--log-error=" + dir.resolve("error.log"),
                "--init-file=" + dir.resolve("init.sql"),
                "--ssl-cert=" + dir.resolve("cert.pem"),
                "--ssl-key=" + dir.resolve("key.pem"),
                "--skip-name-resolve",
                "--skip-log-bin",
                "--performance-schema=OFF",
                "--innodb-buffer-pool-size=32M",
                "--max-connections=300"));
        if (root) {
          cmd.add("--user=root");
        }
        Process p =
            new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mariadbd.out").toFile())
                .start();
        MariaDbHolder db = new MariaDbHolder(p, dir, port);
        try {
          db.awaitReady();
          return db;
        } catch (IOException e) {
          last = e;
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      }
      throw new IllegalStateException("mariadbd did not start", last);
    } catch (IOException e) {
      throw new UncheckedIOException("MariaDB could not be set up", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting MariaDB", e);
    }
  }

  /** Waits until the administrator logs in, or the process has died; gives up after a minute. */
  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    SQLException lastFailure = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("mariadbd exited with " + process.exitValue() + ": " + errorLog());
      }
      try (Connection c = connect(ADMIN, ADMIN_PASSWORD, true)) {
        return;
      } catch (SQLException e) {
        lastFailure = e;
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IOException(
        "mariadbd did not accept connections within a minute: "
            + (lastFailure == null ? "" : lastFailure.getMessage())
            + " "
            + errorLog());
  }

  private String errorLog() {
    try {
      Path log = dir.resolve("error.log");
      if (!Files.exists(log)) {
        log = dir.resolve("mariadbd.out");
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // The JVM is exiting; a temporary directory left behind is harmless.
    }
  }

  private static Path find(String program) {
    List<Path> places = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        if (!d.isEmpty()) {
          places.add(Path.of(d));
        }
      }
    }
    SBIN.forEach(d -> places.add(Path.of(d)));
    for (Path d : places) {
      Path candidate = d.resolve(program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        program
            + " was not found (looked in PATH and "
            + String.join(", ", SBIN)
            + "). The MariaDB rotation tests need Debian's mariadb-server and openssl packages:"
            + " run `./build test`, which installs them, or `apt-get install mariadb-server"
            + " openssl`.");
  }

  private static void run(List<String> command, Path log) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(command.get(0) + " did not finish");
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          command.get(0)
              + " failed with "
              + p.exitValue()
              + ": "
              + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
