package dev.coffer.cli.audit;

import dev.coffer.cli.ClientCredentials;
import dev.coffer.cli.SignedJsonClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  /** Options every subcommand that talks to a server has. */
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
          "Coffer_Audit_20261101",
          SignedJsonClient.http(
              dev.coffer.cli.ClientTls.context(
                  dev.coffer.cli.ClientTls.caBundle(Optional.ofNullable(caBundle), env))),
          java.time.Duration.ofMinutes(2));
    }
  }
}
