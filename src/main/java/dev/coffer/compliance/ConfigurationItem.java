package dev.coffer.compliance;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded state of a secret (AWS Config configuration item for {@code
 * AWS::SecretsManager::Secret}, compliance-and-iam.md §1.2): the properties of AWS's published
 * resource schema, never the value.
 *
 * @param accountId owning account
 * @param region the secret's region
 * @param resourceId the secret's ARN
 * @param resourceName the secret's name
 * @param status ResourceDiscovered (first item), OK (a change) or ResourceDeleted (gone)
 * @param captureTime configurationItemCaptureTime
 * @param resourceCreationTime the secret's CreatedDate
 * @param description configuration.Description
 * @param kmsKeyId configuration.KMSKeyId
 * @param rotationEnabled configuration.RotationEnabled
 * @param rotationLambdaArn configuration.RotationLambdaARN
 * @param rotationRules configuration.RotationRules
 * @param rotationOccurringAsScheduled configuration.RotationOccurringAsScheduled
 * @param deleted configuration.Deleted: scheduled for deletion, or gone
 * @param tags the tags
 */
public record ConfigurationItem(
    String accountId,
    String region,
    String resourceId,
    String resourceName,
    String status,
    Instant captureTime,
    Instant resourceCreationTime,
    Optional<String> description,
    Optional<String> kmsKeyId,
    boolean rotationEnabled,
    Optional<String> rotationLambdaArn,
    SecretState.RotationRules rotationRules,
    Optional<Boolean> rotationOccurringAsScheduled,
    boolean deleted,
    Map<String, String> tags) {

  public static final String DISCOVERED = "ResourceDiscovered";
  public static final String OK = "OK";
  public static final String RESOURCE_DELETED = "ResourceDeleted";

  public ConfigurationItem {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(resourceName, "resourceName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(captureTime, "captureTime");
    Objects.requireNonNull(resourceCreationTime, "resourceCreationTime");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(kmsKeyId, "kmsKeyId");
    Objects.requireNonNull(rotationLambdaArn, "rotationLambdaArn");
    Objects.requireNonNull(rotationRules, "rotationRules");
    Objects.requireNonNull(rotationOccurringAsScheduled, "rotationOccurringAsScheduled");
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** The item recording {@code s} at {@code now}; {@code status} as for the record. */
  public static ConfigurationItem of(SecretState s, String status, Instant now) {
    return new ConfigurationItem(
        s.accountId(),
        s.region(),
        s.arn(),
        s.name(),
        status,
        now,
        s.createdAt(),
        s.description(),
        s.kmsKeyId(),
        s.rotationEnabled(),
        s.rotationLambdaArn(),
        s.rotationRules(),
        s.rotationOccurringAsScheduled(),
        s.deleted() || status.equals(RESOURCE_DELETED),
        s.tags());
  }

  /** Whether {@code other} records the same configuration (ignoring status and capture time). */
  public boolean sameConfiguration(ConfigurationItem other) {
    return resourceName.equals(other.resourceName)
        && description.equals(other.description)
        && kmsKeyId.equals(other.kmsKeyId)
        && rotationEnabled == other.rotationEnabled
        && rotationLambdaArn.equals(other.rotationLambdaArn)
        && rotationRules.equals(other.rotationRules)
        && rotationOccurringAsScheduled.equals(other.rotationOccurringAsScheduled)
        && deleted == other.deleted
        && tags.equals(other.tags)
        && status.equals(RESOURCE_DELETED) == other.status.equals(RESOURCE_DELETED);
  }
}
