package dev.coffer.core.iam;

import java.time.Instant;
import java.util.Objects;

/** An IAM group; {@code groupId} is its unique id ({@code AGPA...}). */
public record IamGroup(
    String accountId,
    String groupName,
    String groupId,
    String path,
    String arn,
    Instant createdAt) {
  public IamGroup {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
