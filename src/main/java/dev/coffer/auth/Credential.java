package dev.coffer.auth;

import dev.coffer.core.Caller;
import java.util.Objects;
import java.util.Optional;

/**
 * An access key pair and the principal it belongs to.
 *
 * @param accessKeyId the public half
 * @param secretAccessKey the secret half (never logged)
 * @param caller the principal that signs with it
 * @param sessionToken for temporary credentials, the token requests must carry
 */
public record Credential(
    String accessKeyId, String secretAccessKey, Caller caller, Optional<String> sessionToken) {
  public Credential {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(sessionToken, "sessionToken");
  }

  @Override
  public String toString() {
    return "Credential[" + accessKeyId + ", " + caller.arn() + "]";
  }
}
