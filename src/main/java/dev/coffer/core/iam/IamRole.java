package dev.coffer.core.iam;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An IAM role.
 *
 * @param roleId the unique id ({@code AROA...}); a session's principalId is {@code roleId:name}
 * @param trustPolicy the assume-role policy document (JSON)
 * @param maxSessionSeconds the longest session AssumeRole may grant, 3600 to 43200
 */
public record IamRole(
    String accountId,
    String roleName,
    String roleId,
    String path,
    String arn,
    String description,
    String trustPolicy,
    int maxSessionSeconds,
    Instant createdAt,
    List<IamTag> tags) {
  public IamRole {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(roleName, "roleName");
    Objects.requireNonNull(roleId, "roleId");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(trustPolicy, "trustPolicy");
    Objects.requireNonNull(createdAt, "createdAt");
    tags = List.copyOf(tags);
  }
}
