package dev.coffer.cli.compliance;

import dev.coffer.cli.CofferEndpointOptions;
import dev.coffer.cli.SignedJsonClient;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;

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

  /** A client for this command's API on the server the options name. */
  SignedJsonClient client(CofferEndpointOptions options) {
    return options.client(env, TARGET_PREFIX);
  }
}
