package dev.coffer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.core.audit.StoredAuditEvent;
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
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/** A Coffer server on 127.0.0.1 and a free port, with clients for it; closes everything. */
public final class TestServer implements AutoCloseable {
  public static final String ACCOUNT = "123456789012";
  public static final String ACCESS_KEY = "AKIDCOFFERTEST000001";
  public static final String SECRET_KEY = "coffer/test/secret/key/0000000000000000";
  private static final ObjectMapper AUDIT_JSON = new ObjectMapper();

  private CofferServer server;
  private final Path dataDir;
  private final String jdbcUrl;
  private final Backend backend;
  private final ServerConfig config;
  private final Clock clock;
  private java.util.Map<String, String> env = java.util.Map.of();
  private final java.util.List<TestPrincipal> principals =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private TestServer(
      CofferServer server,
      Path dataDir,
      String jdbcUrl,
      Backend backend,
      ServerConfig config,
      Clock clock) {
    this.server = server;
    this.dataDir = dataDir;
    this.jdbcUrl = jdbcUrl;
    this.backend = backend;
    this.config = config;
    this.clock = clock;
  }

  /** Work on the database while the server is stopped. */
  @FunctionalInterface
  public interface WhileStopped {
    void run(java.sql.Connection database) throws java.sql.SQLException;
  }

  /**
   * Stops the server, runs {@code work} on its database (SQLite's single writer is free then), and
   * starts it again on the same data; the endpoint's port changes, so make new clients.
   */
  public void restart(WhileStopped work) throws java.sql.SQLException {
    server.close();
    try (java.sql.Connection c = database()) {
      work.run(c);
    }
    server = CofferServer.start(config, clock, env::get);
    principals.forEach(p -> server.addCredential(p.credential()));
  }

  /** Stops the server and starts it again on the same data (make new clients after). */
  public void restart() {
    server.close();
    server = CofferServer.start(config, clock, env::get);
    principals.forEach(p -> server.addCredential(p.credential()));
  }

  /**
   * A server whose root key is sealed by {@code seal}; {@code env} stands for the process
   * environment the seal reads its passphrase or PIN from. A seal that cannot open by itself leaves
   * the server sealed (or uninitialised) until the operator API opens it.
   */
  public static TestServer startSealed(
      Backend backend, dev.coffer.server.SealSettings seal, java.util.Map<String, String> env) {
    Path dir = newDataDir();
    String url = newDatabase(backend, dir);
    ServerConfig config =
        config(dir, url, RotationSettings.none(), dev.coffer.audit.AuditSettings.defaults())
            .seal(seal)
            .build();
    Clock clock = Clock.systemUTC();
    TestServer t =
        new TestServer(
            CofferServer.start(config, clock, java.util.Map.copyOf(env)::get),
            dir,
            url,
            backend,
            config,
            clock);
    t.env = java.util.Map.copyOf(env);
    return t;
  }

  /** What the next restart reads the seal's passphrase or PIN from. */
  public void environment(java.util.Map<String, String> env) {
    this.env = java.util.Map.copyOf(env);
  }

  /** A signed client for Coffer's own awsJson APIs (operator, audit) on this server. */
  public SignedJsonClient cofferClient() {
    return new SignedJsonClient(endpoint(), "coffer", ACCESS_KEY, SECRET_KEY);
  }

  /**
   * Registers {@code caller} with a fresh access key, so that tests can sign requests as a non-root
   * principal (an IAM user or role session with its entitlements) without the IAM API. The
   * principal survives {@link #restart}.
   */
  public TestPrincipal addPrincipal(dev.coffer.core.Caller caller) {
    TestPrincipal p = TestPrincipal.create(this, caller);
    principals.add(p);
    server.addCredential(p.credential());
    return p;
  }

  /**
   * Registers IAM user {@code userName} of {@code accountId} with the identity policies {@code
   * policies} (JSON) and principal tags {@code tags}.
   */
  public TestPrincipal addUser(
      String accountId,
      String userName,
      java.util.List<String> policies,
      java.util.Map<String, String> tags) {
    String arn = "arn:aws:iam::" + accountId + ":user/" + userName;
    dev.coffer.core.Entitlements e =
        new dev.coffer.core.Entitlements(
            java.util.Optional.of(userName),
            java.util.Optional.empty(),
            tags,
            policies,
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            false);
    String id = "AIDA" + Integer.toHexString(arn.hashCode()).toUpperCase(java.util.Locale.ROOT);
    return addPrincipal(
        new dev.coffer.core.Caller(
            accountId,
            arn,
            id,
            java.util.Optional.of(TestPrincipal.newAccessKeyId()),
            dev.coffer.core.Caller.Type.IAMUser,
            e));
  }

  /** The root user of another account {@code accountId}, with its own access key. */
  public TestPrincipal addRoot(String accountId) {
    return addPrincipal(dev.coffer.core.Caller.root(accountId, TestPrincipal.newAccessKeyId()));
  }

  public static TestServer start(Backend backend) {
    return start(backend, Clock.systemUTC());
  }

  public static TestServer start(Backend backend, Clock clock) {
    return start(
        backend, clock, RotationSettings.none(), dev.coffer.audit.AuditSettings.defaults());
  }

  /** A server that reaches the rotation functions {@code rotation} names. */
  public static TestServer start(Backend backend, Clock clock, RotationSettings rotation) {
    return start(backend, clock, rotation, dev.coffer.audit.AuditSettings.defaults());
  }

  /** A server with its own audit settings (seal interval, retention, sink). */
  public static TestServer start(
      Backend backend, Clock clock, dev.coffer.audit.AuditSettings audit) {
    return start(backend, clock, RotationSettings.none(), audit);
  }

  /** A server that sends compliance notifications as {@code notifications} says. */
  public static TestServer start(
      Backend backend,
      Clock clock,
      dev.coffer.compliance.notify.NotificationSettings notifications) {
    return start(
        backend,
        clock,
        RotationSettings.none(),
        dev.coffer.audit.AuditSettings.defaults(),
        notifications,
        c -> c);
  }

  /** A server whose configuration {@code adjust} changes (TLS, listeners, proxies...). */
  public static TestServer start(
      Backend backend, java.util.function.UnaryOperator<ServerConfig.Builder> adjust) {
    return start(
        backend,
        Clock.systemUTC(),
        RotationSettings.none(),
        dev.coffer.audit.AuditSettings.defaults(),
        dev.coffer.compliance.notify.NotificationSettings.none(),
        adjust);
  }

  /** A server on {@code clock} whose configuration {@code adjust} changes. */
  public static TestServer start(
      Backend backend, Clock clock, java.util.function.UnaryOperator<ServerConfig.Builder> adjust) {
    return start(
        backend,
        clock,
        RotationSettings.none(),
        dev.coffer.audit.AuditSettings.defaults(),
        dev.coffer.compliance.notify.NotificationSettings.none(),
        adjust);
  }

  /** A server with its own rotation routes and audit settings. */
  public static TestServer start(
      Backend backend,
      Clock clock,
      RotationSettings rotation,
      dev.coffer.audit.AuditSettings audit) {
    return start(
        backend,
        clock,
        rotation,
        audit,
        dev.coffer.compliance.notify.NotificationSettings.none(),
        c -> c);
  }

  private static TestServer start(
      Backend backend,
      Clock clock,
      RotationSettings rotation,
      dev.coffer.audit.AuditSettings audit,
      dev.coffer.compliance.notify.NotificationSettings notifications,
      java.util.function.UnaryOperator<ServerConfig.Builder> adjust) {
    Path dir = newDataDir();
    String url = newDatabase(backend, dir);
    return start(dir, url, clock, rotation, audit, notifications, adjust);
  }

  /**
   * A server on the database at {@code jdbcUrl} (an embedded PostgreSQL one from {@link
   * EmbeddedPostgresHolder#newDatabase()}) with its keys in {@code dataDir}, so that several
   * servers can share one database and decrypt each other's values, like the nodes of a cluster.
   */
  public static TestServer startOn(
      String jdbcUrl, Path dataDir, Clock clock, RotationSettings rotation) {
    return start(
        dataDir,
        jdbcUrl,
        clock,
        rotation,
        dev.coffer.audit.AuditSettings.defaults(),
        dev.coffer.compliance.notify.NotificationSettings.none(),
        c -> c);
  }

  private static TestServer start(
      Path dir,
      String url,
      Clock clock,
      RotationSettings rotation,
      dev.coffer.audit.AuditSettings audit,
      dev.coffer.compliance.notify.NotificationSettings notifications,
      java.util.function.UnaryOperator<ServerConfig.Builder> adjust) {
    boolean postgres = url.startsWith("jdbc:postgresql:");
    Backend backend = postgres ? Backend.POSTGRESQL : Backend.SQLITE;
    ServerConfig config =
        adjust.apply(config(dir, url, rotation, audit).notifications(notifications)).build();
    return new TestServer(CofferServer.start(config, clock), dir, url, backend, config, clock);
  }

  private static ServerConfig.Builder config(
      Path dir, String url, RotationSettings rotation, dev.coffer.audit.AuditSettings audit) {
    boolean postgres = url.startsWith("jdbc:postgresql:");
    return ServerConfig.builder()
        .host("127.0.0.1")
        .port(0)
        .dataDir(dir)
        .storageUrl(url)
        .storageUser(postgres ? "postgres" : "")
        .accountId(ACCOUNT)
        .regions(Regions.withDefault("us-east-1"))
        .rootAccessKeyId(ACCESS_KEY)
        .rootSecretAccessKey(SECRET_KEY)
        .purgeInterval(Duration.ofHours(1))
        .rotation(rotation)
        .audit(audit);
  }

  /** Runs one round of background housekeeping (expired deletions, version clean-up) now. */
  public void runHousekeeping() {
    server.runHousekeeping();
  }

  /** The running server (its audit trail, for tests that seal or read it directly). */
  public CofferServer server() {
    return server;
  }

  /** A new connection to the server's database, for tests that inspect or damage it. */
  public java.sql.Connection database() throws java.sql.SQLException {
    return backend == Backend.POSTGRESQL
        ? java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "")
        : java.sql.DriverManager.getConnection(jdbcUrl, sqliteProperties());
  }

  private static java.util.Properties sqliteProperties() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("busy_timeout", "30000");
    return p;
  }

  public Backend backend() {
    return backend;
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

  private static Path newDataDir() {
    try {
      return Files.createTempDirectory("coffer-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh database of {@code backend} for a server whose data directory is {@code dir}. */
  private static String newDatabase(Backend backend, Path dir) {
    return backend == Backend.SQLITE
        ? ServerConfig.sqliteUrl(dir)
        : EmbeddedPostgresHolder.newDatabase();
  }

  /** The JDBC URL of the server's database (PostgreSQL: user postgres, no password). */
  public String storageUrl() {
    return jdbcUrl;
  }

  public KmsClient kms() {
    return kms("us-east-1");
  }

  public KmsClient kms(String region) {
    return client(KmsClient.builder(), Region.of(region), root());
  }

  public SecretsManagerClient secretsManager() {
    return secretsManager("us-east-1");
  }

  public SecretsManagerClient secretsManager(String region) {
    return client(SecretsManagerClient.builder(), Region.of(region), root());
  }

  /** An IAM client signed with the root user's key. */
  public IamClient iam() {
    return iam(root());
  }

  /** An IAM client signed with {@code credentials}. */
  public IamClient iam(AwsCredentials credentials) {
    return client(IamClient.builder(), Region.US_EAST_1, credentials);
  }

  /** An STS client signed with the root user's key. */
  public StsClient sts() {
    return sts(root());
  }

  /** An STS client signed with {@code credentials} (long-term or session). */
  public StsClient sts(AwsCredentials credentials) {
    return client(StsClient.builder(), Region.US_EAST_1, credentials);
  }

  /** A Secrets Manager client signed with {@code credentials}. */
  public SecretsManagerClient secretsManager(AwsCredentials credentials) {
    return client(SecretsManagerClient.builder(), Region.US_EAST_1, credentials);
  }

  /**
   * The CloudTrail record of the request {@code requestId}, among the newest 200 audit events;
   * fails the test when there is none.
   */
  public JsonNode auditRecord(String requestId) {
    for (StoredAuditEvent e : server.audit().reader().latest(200)) {
      JsonNode n;
      try {
        n = AUDIT_JSON.readTree(e.body());
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      if (n.path("requestID").asText().equals(requestId)) {
        return n;
      }
    }
    throw new AssertionError("no audit event for request " + requestId);
  }

  /** The root user's long-term key, which every test server accepts. */
  public static AwsCredentials root() {
    return AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY);
  }

  /**
   * The client {@code builder} makes for this server in {@code region}, signed with {@code
   * credentials} and sent over the JDK's URL connection (the tests' one HTTP client), for any SDK
   * service.
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      B builder, Region region, AwsCredentials credentials) {
    return builder
        .endpointOverride(endpoint())
        .region(region)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
