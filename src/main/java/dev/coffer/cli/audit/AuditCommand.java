package dev.coffer.cli.audit;

import dev.coffer.cli.CofferEndpointOptions;
import dev.coffer.cli.SignedJsonClient;
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
public final class AuditCommand implements Runnable {
  static final String TARGET_PREFIX = "Coffer_Audit_20261101";
  private final Map<String, String> env;

  /** Reads credentials and endpoint from the process environment. */
  public AuditCommand() {
    this(System.getenv());
  }

  /** Reads credentials and endpoint from {@code env} (tests pass their own). */
  public AuditCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  Map<String, String> env() {
    return env;
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
