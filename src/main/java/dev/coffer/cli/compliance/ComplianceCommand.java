package dev.coffer.cli.compliance;

import dev.coffer.cli.ClientCredentials;
import dev.coffer.cli.SignedJsonClient;
import java.net.URI;
import java.nio.file.Path;
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

    @Option(
        names = "--ca-bundle",
        paramLabel = "FILE",
        description = {
          "PEM CA certificates to trust for an https endpoint instead of the JDK's",
          "(default: $AWS_CA_BUNDLE; `coffer dev --tls` prints its CA file)."
        })
    @org.jspecify.annotations.Nullable
    Path caBundle;

    SignedJsonClient client(Map<String, String> env) {
      String url = endpointUrl;
      if (url == null) {
        url = env.getOrDefault("COFFER_ENDPOINT", "http://127.0.0.1:8484");
      }
      ClientCredentials.Resolved credentials =
          ClientCredentials.resolve(env, Optional.ofNullable(profile));
      return new SignedJsonClient(
          URI.create(url),
          credentials,
          credentials.region(),
          "coffer",
          TARGET_PREFIX,
          SignedJsonClient.http(
              dev.coffer.cli.ClientTls.context(
                  dev.coffer.cli.ClientTls.caBundle(Optional.ofNullable(caBundle), env))),
          java.time.Duration.ofMinutes(2));
    }
  }
}
