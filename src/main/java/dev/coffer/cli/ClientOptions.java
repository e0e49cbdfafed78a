package dev.coffer.cli;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every {@code coffer} client command shares (a picocli mixin): whose credentials to
 * sign with, for which region, and which CAs to trust, each defaulting as the AWS CLI defaults it.
 * {@link CofferEndpointOptions} adds the endpoint of a Coffer server.
 */
public class ClientOptions {
  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "AWS profile for credentials and region, from ~/.aws/credentials and ~/.aws/config"
              + " (default: $AWS_PROFILE, else default). $AWS_ACCESS_KEY_ID,"
              + " $AWS_SECRET_ACCESS_KEY and $AWS_SESSION_TOKEN win over the profile, as in the"
              + " AWS CLI.")
  @Nullable String profile;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "Region to sign requests for (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile's"
              + " region, else us-east-1).")
  @Nullable String region;

  @Option(
      names = "--ca-bundle",
      paramLabel = "FILE",
      description =
          "PEM CA certificates to trust for an https endpoint instead of the JDK's (default:"
              + " $AWS_CA_BUNDLE; `coffer dev --tls` prints its CA file).")
  @Nullable Path caBundle;

  /** The credentials, with {@code --region} in place of the resolved region when given. */
  public ClientCredentials.Resolved credentials(Map<String, String> env) {
    ClientCredentials.Resolved resolved =
        ClientCredentials.resolve(env, Optional.ofNullable(profile));
    return region == null
        ? resolved
        : new ClientCredentials.Resolved(resolved.credentials(), region);
  }

  /** An HTTP client trusting {@code --ca-bundle}, else {@code $AWS_CA_BUNDLE}, else the JDK. */
  public HttpClient http(Map<String, String> env) {
    return SignedJsonClient.http(
        ClientTls.context(ClientTls.caBundle(Optional.ofNullable(caBundle), env)));
  }
}
