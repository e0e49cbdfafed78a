package dev.coffer.testing;

import dev.coffer.rotation.RotationSettings;
import dev.coffer.server.CofferServer;
import dev.coffer.server.Regions;
import dev.coffer.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** A Coffer server on 127.0.0.1 and a free port, with clients for it; closes everything. */
public final class TestServer implements AutoCloseable {
  public static final String ACCOUNT = "123456789012";
  public static final String ACCESS_KEY = "AKIDCOFFERTEST000001";
  public static final String SECRET_KEY = "coffer/test/secret/key/0000000000000000";

  private final CofferServer server;
  private final Path dataDir;

  private TestServer(CofferServer server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  public static TestServer start(Backend backend) {
    return start(backend, Clock.systemUTC());
  }

  public static TestServer start(Backend backend, Clock clock) {
    return start(backend, clock, RotationSettings.none());
  }

  /** A server that reaches the rotation functions {@code rotation} names. */
  public static TestServer start(Backend backend, Clock clock, RotationSettings rotation) {
    Path dir;
    try {
      dir = Files.createTempDirectory("coffer-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String url =
        backend == Backend.SQLITE
            ? ServerConfig.sqliteUrl(dir)
            : EmbeddedPostgresHolder.newDatabase();
    return start(dir, url, clock, rotation);
  }

  /**
   * A server on the database at {@code jdbcUrl} (an embedded PostgreSQL one from {@link
   * EmbeddedPostgresHolder#newDatabase()}) with its keys in {@code dataDir}, so that several
   * servers can share one database and decrypt each other's values, like the nodes of a cluster.
   */
  public static TestServer startOn(
      String jdbcUrl, Path dataDir, Clock clock, RotationSettings rotation) {
    return start(dataDir, jdbcUrl, clock, rotation);
  }

  private static TestServer start(Path dir, String url, Clock clock, RotationSettings rotation) {
    boolean postgres = url.startsWith("jdbc:postgresql:");
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            dir,
            url,
            postgres ? "postgres" : "",
            "",
            ACCOUNT,
            Regions.withDefault("us-east-1"),
            ACCESS_KEY,
            SECRET_KEY,
            ServerConfig.DEFAULT_MAX_BODY_BYTES,
            Duration.ofHours(1),
            rotation);
    return new TestServer(CofferServer.start(config, clock), dir);
  }

  /** Runs one round of background housekeeping (expired deletions, version clean-up) now. */
  public void runHousekeeping() {
    server.runHousekeeping();
  }

  /** Looks for due rotations now; returns how many this server launched. */
  public int runRotationScheduler() {
    return server.runRotationScheduler();
  }

  /** The rotation counters of this server. */
  public java.util.Map<String, Long> rotationMetrics() {
    return server.rotationMetrics().snapshot();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public Path dataDir() {
    return dataDir;
  }

  public SecretsManagerClient secretsManager() {
    return secretsManager("us-east-1");
  }

  public SecretsManagerClient secretsManager(String region) {
    return SecretsManagerClient.builder()
        .endpointOverride(endpoint())
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
