package dev.coffer.core.iam;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer managed policy.
 *
 * @param defaultVersion the version in effect, e.g. {@code v2}
 * @param attachmentCount how many users, groups and roles it is attached to
 */
public record IamManagedPolicy(
    String accountId,
    String policyName,
    String policyId,
    String path,
    String arn,
    String description,
    String defaultVersion,
    Instant createdAt,
    Instant updatedAt,
    int attachmentCount) {
  public IamManagedPolicy {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(policyName, "policyName");
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(defaultVersion, "defaultVersion");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
