package dev.coffer.core.iam;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A long-term access key. The secret half is only ever stored sealed.
 *
 * @param userName the user the key belongs to; empty for an account root's key
 * @param status {@code Active} or {@code Inactive}
 * @param lastUsed when the key last signed a request the server looked up, if ever
 */
public record IamAccessKey(
    String accessKeyId,
    String accountId,
    Optional<String> userName,
    String status,
    Instant createdAt,
    Optional<Instant> lastUsed,
    SealedSecret secret) {
  public static final String ACTIVE = "Active";
  public static final String INACTIVE = "Inactive";

  public IamAccessKey {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUsed, "lastUsed");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "IamAccessKey[" + accessKeyId + ", " + status + "]";
  }
}
