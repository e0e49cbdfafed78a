package dev.coffer.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@link ClientOptions} plus the Coffer server to talk to: the mixin of the {@code coffer audit},
 * {@code operator} and {@code compliance report} commands, which call Coffer's own APIs (SigV4
 * signing name {@code coffer}).
 */
public final class CofferEndpointOptions extends ClientOptions {
  /** Where a client command goes without {@code --endpoint-url} or {@code $COFFER_ENDPOINT}. */
  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:8484";

  // Reports and exports of a large trail can take a while to build on the server.
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "The Coffer server's URL (default: $COFFER_ENDPOINT, else " + DEFAULT_ENDPOINT + ").")
  @Nullable String endpointUrl;

  /** The endpoint: {@code --endpoint-url}, else {@code $COFFER_ENDPOINT}, else the default. */
  public URI endpoint(Map<String, String> env) {
    return URI.create(
        endpointUrl != null ? endpointUrl : env.getOrDefault("COFFER_ENDPOINT", DEFAULT_ENDPOINT));
  }

  /** A client for the Coffer API whose operations are {@code targetPrefix.Operation}. */
  public SignedJsonClient client(Map<String, String> env, String targetPrefix) {
    ClientCredentials.Resolved credentials = credentials(env);
    return new SignedJsonClient(
        endpoint(env),
        credentials,
        credentials.region(),
        "coffer",
        targetPrefix,
        http(env),
        CALL_TIMEOUT);
  }
}
