package dev.coffer.store;

import java.time.Instant;
import java.util.Objects;

/** A KMS alias: a name ({@code alias/...}) in an account and region pointing at one key. */
public record KmsAliasRecord(
    String accountId,
    String region,
    String aliasName,
    String targetKeyId,
    Instant createdAt,
    Instant updatedAt) {
  public KmsAliasRecord {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(aliasName, "aliasName");
    Objects.requireNonNull(targetKeyId, "targetKeyId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
