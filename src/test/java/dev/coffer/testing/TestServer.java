package dev.coffer.testing;

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
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** A Coffer server on 127.0.0.1 and a free port, with clients for it; closes everything. */
public final class TestServer implements AutoCloseable {
  public static final String ACCOUNT = "123456789012";
  public static final String ACCESS_KEY = "AKIDCOFFERTEST000001";
  public static final String SECRET_KEY = "coffer/test/secret/key/0000000000000000";

  private final CofferServer server;
  private final Path dataDir;
  private final String storageUrl;

  private TestServer(CofferServer server, Path dataDir, String storageUrl) {
    this.server = server;
    this.dataDir = dataDir;
    this.storageUrl = storageUrl;
  }

  public static TestServer start(Backend backend) {
    return start(backend, Clock.systemUTC());
  }

  public static TestServer start(Backend backend, Clock clock) {
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
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            dir,
            url,
            backend == Backend.POSTGRESQL ? "postgres" : "",
            "",
            ACCOUNT,
            Regions.withDefault("us-east-1"),
            ACCESS_KEY,
            SECRET_KEY,
            ServerConfig.DEFAULT_MAX_BODY_BYTES,
            Duration.ofHours(1));
    return new TestServer(CofferServer.start(config, clock), dir, url);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The JDBC URL of the server's database (PostgreSQL: user postgres, no password). */
  public String storageUrl() {
    return storageUrl;
  }

  public KmsClient kms() {
    return kms("us-east-1");
  }

  public KmsClient kms(String region) {
    return KmsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
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
