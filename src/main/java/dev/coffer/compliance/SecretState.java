package dev.coffer.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules know about a secret at one moment: its metadata as DescribeSecret shows it, never
 * its value.
 *
 * @param accountId owning account
 * @param region the secret's region
 * @param arn the secret's ARN (AWS Config's resourceId for a secret)
 * @param name the secret's name
 * @param description its description
 * @param kmsKeyId the KMS key as the user gave it (id, alias or ARN); empty for {@code
 *     aws/secretsmanager}
 * @param rotationEnabled whether rotation is on
 * @param rotationLambdaArn the rotation function
 * @param rotationRules the rotation rules
 * @param rotationOccurringAsScheduled AWS Config's RotationOccurringAsScheduled; empty while
 *     rotation is off
 * @param createdAt CreatedDate
 * @param lastRotatedAt LastRotatedDate
 * @param nextRotationAt NextRotationDate
 * @param lastAccessedDate LastAccessedDate (day resolution)
 * @param deleted whether the secret is scheduled for deletion (DeletedDate set)
 * @param tags the tags, in order
 * @param resourcePolicy the resource policy document, if any
 */
public record SecretState(
    String accountId,
    String region,
    String arn,
    String name,
    Optional<String> description,
    Optional<String> kmsKeyId,
    boolean rotationEnabled,
    Optional<String> rotationLambdaArn,
    RotationRules rotationRules,
    Optional<Boolean> rotationOccurringAsScheduled,
    Instant createdAt,
    Optional<Instant> lastRotatedAt,
    Optional<Instant> nextRotationAt,
    Optional<LocalDate> lastAccessedDate,
    boolean deleted,
    Map<String, String> tags,
    Optional<String> resourcePolicy) {

  public SecretState {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(kmsKeyId, "kmsKeyId");
    Objects.requireNonNull(rotationLambdaArn, "rotationLambdaArn");
    Objects.requireNonNull(rotationRules, "rotationRules");
    Objects.requireNonNull(rotationOccurringAsScheduled, "rotationOccurringAsScheduled");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastRotatedAt, "lastRotatedAt");
    Objects.requireNonNull(nextRotationAt, "nextRotationAt");
    Objects.requireNonNull(lastAccessedDate, "lastAccessedDate");
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    Objects.requireNonNull(resourcePolicy, "resourcePolicy");
  }

  /**
   * A secret's RotationRules as stored: AutomaticallyAfterDays, ScheduleExpression and Duration,
   * each absent when not set.
   */
  public record RotationRules(
      Optional<Long> automaticallyAfterDays,
      Optional<String> scheduleExpression,
      Optional<String> duration) {
    public RotationRules {
      Objects.requireNonNull(automaticallyAfterDays, "automaticallyAfterDays");
      Objects.requireNonNull(scheduleExpression, "scheduleExpression");
      Objects.requireNonNull(duration, "duration");
    }

    public static RotationRules none() {
      return new RotationRules(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isEmpty() {
      return automaticallyAfterDays.isEmpty() && scheduleExpression.isEmpty();
    }
  }
}
