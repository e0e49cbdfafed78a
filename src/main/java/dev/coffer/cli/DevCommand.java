package dev.coffer.cli;

import dev.coffer.server.IamSettings;
import dev.coffer.server.NetworkSettings;
import dev.coffer.server.Regions;
import dev.coffer.server.RootCredentials;
import dev.coffer.server.ServerConfig;
import dev.coffer.server.TlsSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer dev}: a local server with embedded defaults (SQLite in ./.coffer). */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Start Coffer for local development: HTTP (or HTTPS with --tls) on 127.0.0.1, SQLite in",
      "the data directory,",
      "and root credentials printed at start (from COFFER_ROOT_ACCESS_KEY_ID and",
      "COFFER_ROOT_SECRET_ACCESS_KEY when set, otherwise generated once into the data directory)."
    })
final class DevCommand implements Callable<Integer> {
  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(
      names = "--port",
      defaultValue = "8484",
      description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port = 8484;

  @Option(
      names = "--data",
      defaultValue = ".coffer",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path data = Path.of(".coffer");

  @Option(
      names = "--account-id",
      defaultValue = "123456789012",
      description = "Account of the root user (default: ${DEFAULT-VALUE}).")
  String accountId = "123456789012";

  @Option(
      names = "--region",
      defaultValue = "us-east-1",
      description = "Default region (default: ${DEFAULT-VALUE}).")
  String region = "us-east-1";

  @Option(
      names = "--tls",
      description = {
        "Serve HTTPS on the same port, with a certificate for localhost, 127.0.0.1 and ::1 issued",
        "by a local CA kept in DATA/tls/ (reused on restart); prints how to trust it."
      })
  boolean tls;

  @Option(
      names = "--accept-any-credentials",
      description = {
        "INSECURE, for local test suites only: accept ANY access key, without checking its",
        "signature, as the root user of the default account. Off by default."
      })
  boolean acceptAnyCredentials;

  @Option(
      names = "--notification-endpoint",
      paramLabel = "URL",
      description = {
        "Send compliance-change notifications (SNS-style, signed) to URL; repeatable.",
        "Default: none (the `notifications:` section of `coffer server --config` in full)."
      })
  java.util.List<java.net.URI> notificationEndpoints = new java.util.ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    RootCredentials root = RootCredentials.resolve(System.getenv(), data);
    ServerConfig.Builder config =
        ServerConfig.builder()
            .host(host)
            .port(port)
            .dataDir(data)
            .storageUrl(ServerConfig.sqliteUrl(data))
            .accountId(accountId)
            .regions(Regions.withDefault(region))
            .rootAccessKeyId(root.accessKeyId())
            .rootSecretAccessKey(root.secretAccessKey())
            .purgeInterval(Duration.ofMinutes(1));
    if (tls) {
      config.network(NetworkSettings.plain().withTls(TlsSettings.localCa()));
    }
    if (!notificationEndpoints.isEmpty()) {
      config.notifications(
          dev.coffer.compliance.notify.NotificationSettings.none()
              .withEndpoints(notificationEndpoints));
    }
    if (acceptAnyCredentials) {
      config.iam(new IamSettings(true));
    }
    return Serve.run(config.build(), Clock.systemUTC(), root, region);
  }
}
