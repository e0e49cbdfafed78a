package dev.coffer.core.iam;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Temporary credentials: a role session (AssumeRole) or a user's session (GetSessionToken).
 *
 * @param accessKeyId the temporary access key id ({@code ASIA...})
 * @param roleName for a role session, the role's name
 * @param sessionName for a role session, the RoleSessionName
 * @param userName for a user session, the user
 * @param tags session tags
 * @param sessionPolicy the session policy passed to AssumeRole, if any
 * @param secret the secret access key and session token, sealed together
 */
public record IamSession(
    String accessKeyId,
    String accountId,
    Instant createdAt,
    Instant expiresAt,
    Optional<String> roleName,
    Optional<String> sessionName,
    Optional<String> userName,
    Map<String, String> tags,
    Optional<String> sessionPolicy,
    SealedSecret secret) {
  public IamSession {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(roleName, "roleName");
    Objects.requireNonNull(sessionName, "sessionName");
    Objects.requireNonNull(userName, "userName");
    tags = Map.copyOf(tags);
    Objects.requireNonNull(sessionPolicy, "sessionPolicy");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "IamSession[" + accessKeyId + ", expires " + expiresAt + "]";
  }
}
