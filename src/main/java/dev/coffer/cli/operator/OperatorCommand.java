package dev.coffer.cli.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.cli.ClientCredentials;
import dev.coffer.cli.SignedJsonClient;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer operator}: the root key's life on a running server, through the operator API
 * ({@code Coffer_Operator_20261101.<Op>}, SigV4 service {@code coffer}, root credentials found as
 * the AWS CLI finds them).
 */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = "Initialise, unseal and rotate the root key of a running server.",
    subcommands = {
      StatusCommand.class,
      InitCommand.class,
      UnsealCommand.class,
      RotateRootCommand.class
    })
public final class OperatorCommand implements Runnable {
  static final String TARGET_PREFIX = "Coffer_Operator_20261101";
  private final Map<String, String> env;

  /** Reads credentials and endpoint from the process environment. */
  public OperatorCommand() {
    this(System.getenv());
  }

  /** Reads credentials and endpoint from {@code env} (tests pass their own). */
  public OperatorCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  Map<String, String> env() {
    return env;
  }

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Options every subcommand has. */
  static final class Connection {
    @Option(
        names = "--endpoint-url",
        description = "Server URL (default: $COFFER_ENDPOINT, else http://127.0.0.1:8484).")
    @org.jspecify.annotations.Nullable
    String endpointUrl;

    @Option(
        names = "--profile",
        description = "AWS profile for the root credentials (default: $AWS_PROFILE).")
    @org.jspecify.annotations.Nullable
    String profile;

    @Option(
        names = "--ca-bundle",
        paramLabel = "FILE",
        description = {
          "PEM CA certificates to trust for an https endpoint instead of the JDK's",
          "(default: $AWS_CA_BUNDLE; `coffer dev --tls` prints its CA file)."
        })
    java.nio.file.@org.jspecify.annotations.Nullable Path caBundle;

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
