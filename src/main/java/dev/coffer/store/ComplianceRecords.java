package dev.coffer.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The rows of the compliance tables (V40) and the lean view of secrets that evaluation reads. Plain
 * carriers: the compliance layer's own types live in {@code compliance}, which the server maps to.
 */
public final class ComplianceRecords {
  private ComplianceRecords() {}

  /** A configuration item row; {@code tags} and {@code rotationRules} are JSON text. */
  public record ItemRow(
      String accountId,
      String region,
      String resourceId,
      String resourceName,
      String status,
      Instant captureTime,
      Instant resourceCreatedAt,
      Optional<String> description,
      Optional<String> kmsKeyId,
      boolean rotationEnabled,
      Optional<String> rotationLambdaArn,
      Optional<String> rotationRules,
      Optional<Boolean> rotationOccurringAsScheduled,
      boolean deleted,
      String tags) {}

  /** A config rule row; {@code inputParameters} is JSON text, scope types comma-separated. */
  public record RuleRow(
      String arn,
      String accountId,
      String region,
      String name,
      String ruleId,
      Optional<String> description,
      String sourceIdentifier,
      String inputParameters,
      Optional<String> maximumExecutionFrequency,
      String scopeResourceTypes,
      Optional<String> scopeTagKey,
      Optional<String> scopeTagValue,
      Optional<String> scopeResourceId,
      Instant createdAt) {}

  /** An evaluation result row (current or history). */
  public record ResultRow(
      String accountId,
      String region,
      String ruleName,
      String resourceType,
      String resourceId,
      String complianceType,
      Optional<String> annotation,
      Instant orderingTimestamp,
      Instant recordedAt,
      Instant invokedAt) {}

  /** A current result of the rule with ARN {@code ruleArn}. */
  public record RuleResultRow(String ruleArn, ResultRow row) {}

  /** An aggregator row; account ids and regions comma-separated. */
  public record AggregatorRow(
      String accountId,
      String region,
      String name,
      String arn,
      String accountIds,
      boolean allRegions,
      String regions,
      Instant createdAt,
      Instant updatedAt) {}

  /** Filters over results; empty components match everything. */
  public record ResultFilter(
      Optional<String> accountId,
      Optional<String> region,
      Optional<String> ruleName,
      Optional<String> resourceId,
      List<String> complianceTypes) {}

  /** What compliance reads of a secret: its metadata and the rotation-run flag it needs. */
  public record SecretRow(
      long id,
      String accountId,
      String region,
      String arn,
      String name,
      Optional<String> description,
      Optional<String> kmsKeyId,
      Instant createdAt,
      Optional<LocalDate> lastAccessedDate,
      Optional<Instant> deletionAt,
      boolean rotationEnabled,
      Optional<String> rotationLambdaArn,
      Optional<String> rotationRules,
      Optional<Instant> lastRotatedAt,
      Optional<Instant> nextRotationAt,
      Optional<String> resourcePolicy,
      boolean replica,
      boolean scheduleMissed,
      List<Tag> tags) {
    /** This row with {@code tags} in place of its own. */
    public SecretRow withTags(List<Tag> tags) {
      return new SecretRow(
          id,
          accountId,
          region,
          arn,
          name,
          description,
          kmsKeyId,
          createdAt,
          lastAccessedDate,
          deletionAt,
          rotationEnabled,
          rotationLambdaArn,
          rotationRules,
          lastRotatedAt,
          nextRotationAt,
          resourcePolicy,
          replica,
          scheduleMissed,
          tags);
    }
  }
}
