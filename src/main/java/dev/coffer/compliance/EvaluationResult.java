package dev.coffer.compliance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule's verdict on one resource (AWS Config {@code EvaluationResult}).
 *
 * @param accountId the account that owns the rule and the resource
 * @param region the region of the rule and the resource
 * @param configRuleName the rule
 * @param resourceType always {@code AWS::SecretsManager::Secret} today
 * @param resourceId the resource id; for a secret, its ARN (as AWS Config records secrets)
 * @param complianceType COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE
 * @param annotation why, at most 256 characters
 * @param orderingTimestamp the configuration item capture time (change-triggered) or the trigger
 *     time (periodic)
 * @param resultRecordedTime when the result was stored
 * @param configRuleInvokedTime when the rule was invoked for it
 */
public record EvaluationResult(
    String accountId,
    String region,
    String configRuleName,
    String resourceType,
    String resourceId,
    ComplianceType complianceType,
    Optional<String> annotation,
    Instant orderingTimestamp,
    Instant resultRecordedTime,
    Instant configRuleInvokedTime) {

  /** The resource type of secrets in AWS Config. */
  public static final String SECRET_TYPE = "AWS::SecretsManager::Secret";

  public EvaluationResult {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(configRuleName, "configRuleName");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(complianceType, "complianceType");
    Objects.requireNonNull(annotation, "annotation");
    Objects.requireNonNull(orderingTimestamp, "orderingTimestamp");
    Objects.requireNonNull(resultRecordedTime, "resultRecordedTime");
    Objects.requireNonNull(configRuleInvokedTime, "configRuleInvokedTime");
  }

  /** Whether {@code other} says the same thing (type and annotation), whatever the times. */
  public boolean sameVerdict(EvaluationResult other) {
    return complianceType == other.complianceType && annotation.equals(other.annotation);
  }
}
