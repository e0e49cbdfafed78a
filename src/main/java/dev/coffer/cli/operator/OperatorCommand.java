package dev.coffer.cli.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.cli.ClientCommandGroup;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code coffer operator}: the root key's life on a running server, through the operator API
 * ({@code Coffer_Operator_20261101.<Op>}, SigV4 service {@code coffer}, root credentials found as
 * the AWS CLI finds them).
 */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description =
        "Initialise, unseal and rotate the root key of a running server (signing as the account"
            + " root: give the root's credentials).",
    subcommands = {
      StatusCommand.class,
      InitCommand.class,
      UnsealCommand.class,
      RotateRootCommand.class
    })
public final class OperatorCommand extends ClientCommandGroup {
  static final String TARGET_PREFIX = "Coffer_Operator_20261101";

  /** Reads credentials and endpoint from the process environment. */
  public OperatorCommand() {
    this(System.getenv());
  }

  /** Reads credentials and endpoint from {@code env} (tests pass their own). */
  public OperatorCommand(Map<String, String> env) {
    super(env, TARGET_PREFIX);
  }

  /** Prints the status members of an operator answer. */
  static void printStatus(PrintWriter out, JsonNode s) {
    out.println("State:            " + s.path("State").asText());
    out.println("Seal type:        " + s.path("SealType").asText());
    if (s.path("Sealed").asBoolean() && s.path("SharesNeeded").asInt() > 0) {
      out.println(
          "Unseal progress:  "
              + s.path("SharesSubmitted").asInt()
              + " of "
              + s.path("SharesNeeded").asInt()
              + " shares");
    }
    if (!s.path("Sealed").asBoolean()) {
      out.println("Root generation:  " + s.path("RootGeneration").asInt());
      out.println(
          "Re-wrap:          "
              + (s.path("RewrapInProgress").asBoolean() ? "running, " : "")
              + s.path("RewrapRemaining").asLong()
              + " records under older generations");
    }
    out.flush();
  }
}
