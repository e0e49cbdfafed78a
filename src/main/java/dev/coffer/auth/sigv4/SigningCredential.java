package dev.coffer.auth.sigv4;

import dev.coffer.core.Caller;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server knows about one access key: its secret, the principal it belongs to and, for
 * temporary credentials, the session token that must accompany it.
 *
 * @param accessKeyId the access key id, e.g. {@code AKIDEXAMPLE}
 * @param secretAccessKey the secret access key; never printed by {@link #toString()}
 * @param caller the principal a request signed with this key acts as
 * @param sessionToken the session token temporary credentials must present, empty for long-term
 *     keys
 */
public record SigningCredential(
    String accessKeyId, String secretAccessKey, Caller caller, Optional<String> sessionToken) {

  public SigningCredential {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(sessionToken, "sessionToken");
  }

  @Override
  public String toString() {
    return "SigningCredential["
        + accessKeyId
        + ", secret=<redacted>, "
        + caller.arn()
        + (sessionToken.isPresent() ? ", session token=<redacted>" : "")
        + "]";
  }
}
