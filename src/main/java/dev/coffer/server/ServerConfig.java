package dev.coffer.server;

import dev.coffer.audit.AuditSettings;
import dev.coffer.compliance.notify.NotificationSettings;
import dev.coffer.rotation.RotationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a Coffer server needs to start. Made with {@link #builder()}; changed with {@link
 * #toBuilder()}.
 *
 * @param host the address to listen on
 * @param port the port (0 picks a free one)
 * @param dataDir where local state lives: keys, credentials and, by default, the SQLite database
 * @param storageUrl a JDBC URL: {@code jdbc:sqlite:PATH} or {@code jdbc:postgresql://...}
 * @param storageUser the database user (PostgreSQL), empty for none
 * @param storagePassword the database password (PostgreSQL), empty for none
 * @param accountId the default account, whose root credentials are bootstrapped
 * @param regions the regions this server hosts; the first is the default
 * @param rootAccessKeyId the root user's access key id
 * @param rootSecretAccessKey the root user's secret access key
 * @param maxBodyBytes the request body limit
 * @param purgeInterval how often background clean-up (expired deletions, old versions) runs
 * @param rotation where rotation functions are served, and the time limit of one step
 * @param audit how the audit trail seals, retains and copies events
 * @param notifications where compliance changes are sent (SNS-style HTTP notifications)
 * @param iam identity settings (the insecure accept-any-credentials emulator mode)
 * @param seal how the root key is sealed at rest
 * @param network TLS, further listeners (endpoint ids, mTLS) and trusted proxies
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String storageUrl,
    String storageUser,
    String storagePassword,
    String accountId,
    List<String> regions,
    String rootAccessKeyId,
    String rootSecretAccessKey,
    int maxBodyBytes,
    Duration purgeInterval,
    RotationSettings rotation,
    AuditSettings audit,
    NotificationSettings notifications,
    IamSettings iam,
    SealSettings seal,
    NetworkSettings network) {

  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(storageUrl, "storageUrl");
    Objects.requireNonNull(storageUser, "storageUser");
    Objects.requireNonNull(storagePassword, "storagePassword");
    Objects.requireNonNull(accountId, "accountId");
    regions = List.copyOf(regions);
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("at least one region is needed");
    }
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("account id must be 12 digits: " + accountId);
    }
    Objects.requireNonNull(rootAccessKeyId, "rootAccessKeyId");
    Objects.requireNonNull(rootSecretAccessKey, "rootSecretAccessKey");
    Objects.requireNonNull(purgeInterval, "purgeInterval");
    Objects.requireNonNull(rotation, "rotation");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(iam, "iam");
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(network, "network");
  }

  /**
   * A builder with nothing set: {@link Builder#build()} needs at least the data directory, the
   * account, the regions and the root credentials; everything else has the default its setter
   * names.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration, to change some of it. */
  public Builder toBuilder() {
    return new Builder()
        .host(host)
        .port(port)
        .dataDir(dataDir)
        .storageUrl(storageUrl)
        .storageUser(storageUser)
        .storagePassword(storagePassword)
        .accountId(accountId)
        .regions(regions)
        .rootAccessKeyId(rootAccessKeyId)
        .rootSecretAccessKey(rootSecretAccessKey)
        .maxBodyBytes(maxBodyBytes)
        .purgeInterval(purgeInterval)
        .rotation(rotation)
        .audit(audit)
        .notifications(notifications)
        .iam(iam)
        .seal(seal)
        .network(network);
  }

  /**
   * Builds a {@link ServerConfig}; the record's constructor validates what it is given, so a
   * builder never yields a configuration the constructor would refuse.
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8484;
    private @Nullable Path dataDir;
    private @Nullable String storageUrl;
    private String storageUser = "";
    private String storagePassword = "";
    private @Nullable String accountId;
    private @Nullable List<String> regions;
    private @Nullable String rootAccessKeyId;
    private @Nullable String rootSecretAccessKey;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration purgeInterval = Duration.ofMinutes(1);
    private RotationSettings rotation = RotationSettings.none();
    private AuditSettings audit = AuditSettings.defaults();
    private NotificationSettings notifications = NotificationSettings.none();
    private IamSettings iam = IamSettings.defaults();
    private SealSettings seal = SealSettings.dev();
    private NetworkSettings network = NetworkSettings.plain();

    private Builder() {}

    /** The address to listen on (default 127.0.0.1). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port (default 8484; 0 picks a free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Where local state lives (required). */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** The JDBC URL (default: the SQLite database {@link #sqliteUrl} in the data directory). */
    public Builder storageUrl(String storageUrl) {
      this.storageUrl = storageUrl;
      return this;
    }

    /** The database user (default: none). */
    public Builder storageUser(String storageUser) {
      this.storageUser = storageUser;
      return this;
    }

    /** The database password (default: none). */
    public Builder storagePassword(String storagePassword) {
      this.storagePassword = storagePassword;
      return this;
    }

    /** The default account, 12 digits (required). */
    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    /** The regions hosted, the default first (required, at least one). */
    public Builder regions(List<String> regions) {
      this.regions = regions;
      return this;
    }

    /** The root user's access key id (required). */
    public Builder rootAccessKeyId(String rootAccessKeyId) {
      this.rootAccessKeyId = rootAccessKeyId;
      return this;
    }

    /** The root user's secret access key (required). */
    public Builder rootSecretAccessKey(String rootSecretAccessKey) {
      this.rootSecretAccessKey = rootSecretAccessKey;
      return this;
    }

    /** The request body limit (default {@link #DEFAULT_MAX_BODY_BYTES}). */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** How often background clean-up runs (default one minute). */
    public Builder purgeInterval(Duration purgeInterval) {
      this.purgeInterval = purgeInterval;
      return this;
    }

    /** Rotation functions and step limits (default: none reachable). */
    public Builder rotation(RotationSettings rotation) {
      this.rotation = rotation;
      return this;
    }

    /** The audit trail's settings (default {@link AuditSettings#defaults()}). */
    public Builder audit(AuditSettings audit) {
      this.audit = audit;
      return this;
    }

    /** Compliance notifications (default: none sent). */
    public Builder notifications(NotificationSettings notifications) {
      this.notifications = notifications;
      return this;
    }

    /** Identity settings (default: every signature checked). */
    public Builder iam(IamSettings iam) {
      this.iam = iam;
      return this;
    }

    /** The root key's seal (default: the dev key file). */
    public Builder seal(SealSettings seal) {
      this.seal = seal;
      return this;
    }

    /** TLS, listeners and proxies (default: plain HTTP on host:port only). */
    public Builder network(NetworkSettings network) {
      this.network = network;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws NullPointerException when a required value is missing
     * @throws IllegalArgumentException when a value is invalid (see {@link ServerConfig})
     */
    public ServerConfig build() {
      Path dir = Objects.requireNonNull(dataDir, "dataDir");
      return new ServerConfig(
          host,
          port,
          dir,
          storageUrl != null ? storageUrl : sqliteUrl(dir),
          storageUser,
          storagePassword,
          Objects.requireNonNull(accountId, "accountId"),
          Objects.requireNonNull(regions, "regions"),
          Objects.requireNonNull(rootAccessKeyId, "rootAccessKeyId"),
          Objects.requireNonNull(rootSecretAccessKey, "rootSecretAccessKey"),
          maxBodyBytes,
          purgeInterval,
          rotation,
          audit,
          notifications,
          iam,
          seal,
          network);
    }
  }

  /** The default SQLite URL inside {@code dataDir}. */
  public static String sqliteUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.resolve("coffer.db").toAbsolutePath();
  }
}
