package dev.coffer.compliance;

import java.util.Optional;

/**
 * Resolves the KMS key a secret names (key id, alias, or ARN) in the secret's account and region,
 * for secretsmanager-using-cmk. Implemented by the server over the KMS service.
 */
@FunctionalInterface
public interface KeyDirectory {
  /** The key {@code keyId} names, or empty when no such key exists. */
  Optional<KeyFacts> describe(String accountId, String region, String keyId);

  /**
   * A resolved key.
   *
   * @param arn the key's ARN
   * @param accountId the key's account
   * @param awsManaged whether it is an AWS managed key ({@code aws/secretsmanager})
   */
  record KeyFacts(String arn, String accountId, boolean awsManaged) {}
}
