package dev.coffer.auth.sigv4;

import java.util.Objects;
import java.util.Optional;

/**
 * The client side of an access key: what a caller signs with.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret access key; never printed by {@link #toString()}
 * @param sessionToken the session token of temporary credentials, empty for long-term keys
 */
public record Credentials(
    String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

  public Credentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
  }

  /** Long-term credentials, without a session token. */
  public static Credentials of(String accessKeyId, String secretAccessKey) {
    return new Credentials(accessKeyId, secretAccessKey, Optional.empty());
  }

  /** Temporary credentials with their session token. */
  public static Credentials of(String accessKeyId, String secretAccessKey, String sessionToken) {
    return new Credentials(accessKeyId, secretAccessKey, Optional.of(sessionToken));
  }

  @Override
  public String toString() {
    return "Credentials["
        + accessKeyId
        + ", secret=<redacted>"
        + (sessionToken.isPresent() ? ", session token=<redacted>" : "")
        + "]";
  }
}
