package dev.coffer.core.iam;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An IAM user.
 *
 * @param userId the unique id ({@code AIDA...}), CloudTrail's principalId
 * @param path the path, {@code /} by default
 * @param tags the user's tags, in the order they were added
 */
public record IamUser(
    String accountId,
    String userName,
    String userId,
    String path,
    String arn,
    Instant createdAt,
    List<IamTag> tags) {
  public IamUser {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(createdAt, "createdAt");
    tags = List.copyOf(tags);
  }
}
