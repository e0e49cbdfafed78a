package dev.coffer.compliance.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule's evaluation of one resource changed compliance: what a ComplianceChangeNotification
 * reports (AWS Config Developer Guide, "Example Compliance Change Notification").
 *
 * @param accountId the resource's account
 * @param region the resource's region
 * @param configRuleName the rule that evaluated it
 * @param configRuleArn the rule's ARN
 * @param resourceType e.g. {@code AWS::SecretsManager::Secret}
 * @param resourceId the resource's id (for secrets, as Config reports them: the ARN)
 * @param newResult the result now
 * @param oldResult the result before, empty on a first evaluation
 */
public record ComplianceChange(
    String accountId,
    String region,
    String configRuleName,
    String configRuleArn,
    String resourceType,
    String resourceId,
    Result newResult,
    Optional<Result> oldResult) {

  public ComplianceChange {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(configRuleName, "configRuleName");
    Objects.requireNonNull(configRuleArn, "configRuleArn");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(newResult, "newResult");
    Objects.requireNonNull(oldResult, "oldResult");
  }

  /**
   * One evaluation result.
   *
   * @param complianceType COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE
   * @param orderingTimestamp the time of the configuration (or schedule) the result is about
   * @param resultRecordedTime when the result was recorded
   * @param configRuleInvokedTime when the rule ran
   * @param annotation why, if the rule says
   */
  public record Result(
      String complianceType,
      Instant orderingTimestamp,
      Instant resultRecordedTime,
      Instant configRuleInvokedTime,
      Optional<String> annotation) {
    public Result {
      Objects.requireNonNull(complianceType, "complianceType");
      Objects.requireNonNull(orderingTimestamp, "orderingTimestamp");
      Objects.requireNonNull(resultRecordedTime, "resultRecordedTime");
      Objects.requireNonNull(configRuleInvokedTime, "configRuleInvokedTime");
      Objects.requireNonNull(annotation, "annotation");
    }
  }
}
