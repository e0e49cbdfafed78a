package dev.coffer.cli.compliance;

import dev.coffer.cli.ClientCommandGroup;
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
public final class ComplianceCommand extends ClientCommandGroup {
  static final String TARGET_PREFIX = "Coffer_Compliance_20261101";
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
    super(env, TARGET_PREFIX);
    this.clock = clock;
  }

  Clock clock() {
    return clock;
  }
}
