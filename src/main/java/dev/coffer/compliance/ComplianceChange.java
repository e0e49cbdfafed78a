package dev.coffer.compliance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change of a resource's compliance with a rule: what an AWS Config {@code
 * ComplianceChangeNotification} carries (Config Developer Guide, "Example Config rule compliance
 * change notification"). A change is emitted when the compliance type changes, including the first
 * result for a resource ({@code oldResult} empty), and not when a re-evaluation repeats the
 * verdict.
 *
 * @param accountId the account of the rule and the resource
 * @param region the region of the rule and the resource
 * @param configRuleName the rule's name
 * @param configRuleArn the rule's ARN
 * @param resourceType the resource type ({@link EvaluationResult#SECRET_TYPE})
 * @param resourceId the resource id (a secret's ARN)
 * @param resourceName the resource name (a secret's name)
 * @param oldResult the previous result; empty for the first evaluation
 * @param newResult the new result
 * @param notificationCreationTime when the change was detected
 */
public record ComplianceChange(
    String accountId,
    String region,
    String configRuleName,
    String configRuleArn,
    String resourceType,
    String resourceId,
    String resourceName,
    Optional<EvaluationResult> oldResult,
    EvaluationResult newResult,
    Instant notificationCreationTime) {

  public ComplianceChange {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(configRuleName, "configRuleName");
    Objects.requireNonNull(configRuleArn, "configRuleArn");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(resourceName, "resourceName");
    Objects.requireNonNull(oldResult, "oldResult");
    Objects.requireNonNull(newResult, "newResult");
    Objects.requireNonNull(notificationCreationTime, "notificationCreationTime");
  }

  /** The previous compliance type; INSUFFICIENT_DATA when there was no result. */
  public ComplianceType oldComplianceType() {
    return oldResult.map(EvaluationResult::complianceType).orElse(ComplianceType.INSUFFICIENT_DATA);
  }

  /** The new compliance type. */
  public ComplianceType newComplianceType() {
    return newResult.complianceType();
  }
}
