package dev.coffer.cli.compliance;

import dev.coffer.cli.audit.AuditClient;
import dev.coffer.cli.audit.ClientCredentials;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer compliance}: signed compliance reports from a running server, and their check. */
@Command(
    name = "compliance",
    mixinStandardHelpOptions = true,
    description =
        "Download and verify signed compliance reports; scan any Secrets Manager endpoint.",
    subcommands = {ReportCommand.class, VerifyReportCommand.class, ScanCommand.class})
public final class ComplianceCommand implements Runnable {
  static final String TARGET_PREFIX = "Coffer_Compliance_20261101";
  private final Map<String, String> env;
  private final Clock clock;

  /** Reads credentials and endpoint from the process environment. */
  public ComplianceCommand() {
    this(System.getenv());
  }

  /** Reads credentials and endpoint from {@code env} (tests pass their own). */
  public ComplianceCommand(Map<String, String> env) {
    this(env, Clock.systemUTC());
  }

  /** As {@link #ComplianceCommand(Map)}, with the clock {@code scan} evaluates time rules by. */
  public ComplianceCommand(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  Map<String, String> env() {
    return env;
  }

  Clock clock() {
    return clock;
  }

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Options of subcommands that talk to a server. */
  static final class Connection {
    @Option(
        names = "--endpoint-url",
        description = "Server URL (default: $COFFER_ENDPOINT, else http://127.0.0.1:8484).")
    @org.jspecify.annotations.Nullable
    String endpointUrl;

    @Option(
        names = "--profile",
        description = "AWS profile for credentials (default: $AWS_PROFILE).")
    @org.jspecify.annotations.Nullable
    String profile;

    AuditClient client(Map<String, String> env) {
      String url = endpointUrl;
      if (url == null) {
        url = env.getOrDefault("COFFER_ENDPOINT", "http://127.0.0.1:8484");
      }
      return new AuditClient(
          URI.create(url),
          ClientCredentials.resolve(env, Optional.ofNullable(profile)),
          TARGET_PREFIX);
    }
  }
}
