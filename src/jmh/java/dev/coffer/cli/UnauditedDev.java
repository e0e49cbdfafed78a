package dev.coffer.cli;

import dev.coffer.audit.AuditSettings;
import dev.coffer.server.Regions;
import dev.coffer.server.RootCredentials;
import dev.coffer.server.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code coffer dev} with the audit trail switched off, to measure what auditing costs ({@code
 * bench/run-audit-ratio.sh}). Only in {@code target/benchmarks.jar} (the {@code bench} profile):
 * the product has no way to run unaudited.
 *
 * <p>Arguments: port, data directory; credentials from {@code COFFER_ROOT_ACCESS_KEY_ID} and {@code
 * COFFER_ROOT_SECRET_ACCESS_KEY}, as for {@code coffer dev}.
 */
public final class UnauditedDev {
  private UnauditedDev() {}

  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    Path data = Path.of(args[1]);
    RootCredentials root = RootCredentials.resolve(System.getenv(), data);
    ServerConfig config =
        ServerConfig.builder()
            .host("127.0.0.1")
            .port(port)
            .dataDir(data)
            .storageUrl(ServerConfig.sqliteUrl(data))
            .accountId("123456789012")
            .regions(Regions.withDefault("us-east-1"))
            .rootAccessKeyId(root.accessKeyId())
            .rootSecretAccessKey(root.secretAccessKey())
            .purgeInterval(Duration.ofMinutes(1))
            .audit(AuditSettings.defaults().withEnabled(false))
            .build();
    System.exit(Serve.run(config, Clock.systemUTC(), root, "us-east-1"));
  }
}
