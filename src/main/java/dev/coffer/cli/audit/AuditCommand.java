package dev.coffer.cli.audit;

import dev.coffer.cli.ClientCommandGroup;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code coffer audit}: verify, export and follow the audit trail of a running server. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Verify, export and follow the audit trail.",
    subcommands = {
      VerifyCommand.class,
      ExportCommand.class,
      TailCommand.class,
      PublicKeyCommand.class
    })
public final class AuditCommand extends ClientCommandGroup {
  static final String TARGET_PREFIX = "Coffer_Audit_20261101";

  /** Reads credentials and endpoint from the process environment. */
  public AuditCommand() {
    this(System.getenv());
  }

  /** Reads credentials and endpoint from {@code env} (tests pass their own). */
  public AuditCommand(Map<String, String> env) {
    super(env, TARGET_PREFIX);
  }
}
