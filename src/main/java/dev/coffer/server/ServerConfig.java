package dev.coffer.server;

import dev.coffer.audit.AuditSettings;
import dev.coffer.compliance.notify.NotificationSettings;
import dev.coffer.rotation.RotationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a Coffer server needs to start.
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

  /** This configuration with another seal. */
  public ServerConfig withSeal(SealSettings s) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        storageUrl,
        storageUser,
        storagePassword,
        accountId,
        regions,
        rootAccessKeyId,
        rootSecretAccessKey,
        maxBodyBytes,
        purgeInterval,
        rotation,
        audit,
        notifications,
        iam,
        s,
        network);
  }

  /** This configuration with other network settings (TLS, listeners, proxies). */
  public ServerConfig withNetwork(NetworkSettings settings) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        storageUrl,
        storageUser,
        storagePassword,
        accountId,
        regions,
        rootAccessKeyId,
        rootSecretAccessKey,
        maxBodyBytes,
        purgeInterval,
        rotation,
        audit,
        notifications,
        iam,
        seal,
        settings);
  }

  /**
   * A configuration that sends no compliance notifications, checks every signature, seals the root
   * key with the dev key file and serves plain HTTP on {@code host:port} only.
   */
  public ServerConfig(
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
      AuditSettings audit) {
    this(
        host,
        port,
        dataDir,
        storageUrl,
        storageUser,
        storagePassword,
        accountId,
        regions,
        rootAccessKeyId,
        rootSecretAccessKey,
        maxBodyBytes,
        purgeInterval,
        rotation,
        audit,
        NotificationSettings.none(),
        IamSettings.defaults(),
        SealSettings.dev(),
        NetworkSettings.plain());
  }

  /** This configuration with {@code i} as its identity settings. */
  public ServerConfig withIam(IamSettings i) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        storageUrl,
        storageUser,
        storagePassword,
        accountId,
        regions,
        rootAccessKeyId,
        rootSecretAccessKey,
        maxBodyBytes,
        purgeInterval,
        rotation,
        audit,
        notifications,
        i,
        seal,
        network);
  }

  /** This configuration with {@code n} as its notification settings. */
  public ServerConfig withNotifications(NotificationSettings n) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        storageUrl,
        storageUser,
        storagePassword,
        accountId,
        regions,
        rootAccessKeyId,
        rootSecretAccessKey,
        maxBodyBytes,
        purgeInterval,
        rotation,
        audit,
        n,
        iam,
        seal,
        network);
  }

  /** A configuration that reaches no rotation functions, with the default audit settings. */
  public ServerConfig(
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
      Duration purgeInterval) {
    this(
        host,
        port,
        dataDir,
        storageUrl,
        storageUser,
        storagePassword,
        accountId,
        regions,
        rootAccessKeyId,
        rootSecretAccessKey,
        maxBodyBytes,
        purgeInterval,
        RotationSettings.none(),
        AuditSettings.defaults(),
        NotificationSettings.none(),
        IamSettings.defaults(),
        SealSettings.dev(),
        NetworkSettings.plain());
  }

  /** The default SQLite URL inside {@code dataDir}. */
  public static String sqliteUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.resolve("coffer.db").toAbsolutePath();
  }
}
