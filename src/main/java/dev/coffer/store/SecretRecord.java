package dev.coffer.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A secret's stored state: its metadata, tags, versions (without values), staging labels and
 * replicas. Immutable; change it through {@link #toBuilder()}.
 *
 * @param id the store's row id (0 before insertion)
 * @param accountId owning account
 * @param region region the secret lives in
 * @param name the secret's name
 * @param arn the secret's ARN, with its 6-character suffix
 * @param description its description
 * @param kmsKeyId the KMS key id as the user gave it; empty for the default key
 * @param createdAt creation time
 * @param lastChangedAt last change of any kind
 * @param lastAccessedDate the day of the last value read
 * @param deletionAt when a scheduled deletion takes effect; empty if not scheduled
 * @param rotationEnabled whether rotation is on; empty if it was never configured
 * @param rotationLambdaArn the rotation function
 * @param rotationRules the rotation rules as their JSON text
 * @param lastRotatedAt the last successful rotation
 * @param nextRotationAt the next scheduled rotation
 * @param owningService the service that manages the secret, if any
 * @param type the external-secret partner type
 * @param resourcePolicy the resource policy document
 * @param primaryArn for a replica, the ARN of its primary
 * @param revision incremented on every change
 * @param tags tags in insertion order
 * @param versions all versions, oldest first
 * @param stages staging label to version id
 * @param replicas for a primary, its replicas
 */
public record SecretRecord(
    long id,
    String accountId,
    String region,
    String name,
    String arn,
    Optional<String> description,
    Optional<String> kmsKeyId,
    Instant createdAt,
    Instant lastChangedAt,
    Optional<LocalDate> lastAccessedDate,
    Optional<Instant> deletionAt,
    Optional<Boolean> rotationEnabled,
    Optional<String> rotationLambdaArn,
    Optional<String> rotationRules,
    Optional<Instant> lastRotatedAt,
    Optional<Instant> nextRotationAt,
    Optional<String> owningService,
    Optional<String> type,
    Optional<String> resourcePolicy,
    Optional<String> primaryArn,
    long revision,
    List<Tag> tags,
    List<VersionRecord> versions,
    Map<String, String> stages,
    List<ReplicaRecord> replicas) {

  public SecretRecord {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(kmsKeyId, "kmsKeyId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastChangedAt, "lastChangedAt");
    Objects.requireNonNull(lastAccessedDate, "lastAccessedDate");
    Objects.requireNonNull(deletionAt, "deletionAt");
    Objects.requireNonNull(rotationEnabled, "rotationEnabled");
    Objects.requireNonNull(rotationLambdaArn, "rotationLambdaArn");
    Objects.requireNonNull(rotationRules, "rotationRules");
    Objects.requireNonNull(lastRotatedAt, "lastRotatedAt");
    Objects.requireNonNull(nextRotationAt, "nextRotationAt");
    Objects.requireNonNull(owningService, "owningService");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(resourcePolicy, "resourcePolicy");
    Objects.requireNonNull(primaryArn, "primaryArn");
    tags = List.copyOf(tags);
    versions = List.copyOf(versions);
    stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    replicas = List.copyOf(replicas);
  }

  /** Whether a deletion is scheduled (the secret is in its recovery window). */
  public boolean scheduledForDeletion() {
    return deletionAt.isPresent();
  }

  /** Whether this is a replica of a secret in another region. */
  public boolean isReplica() {
    return primaryArn.isPresent();
  }

  /** The version with id {@code versionId}. */
  public Optional<VersionRecord> version(String versionId) {
    for (VersionRecord v : versions) {
      if (v.versionId().equals(versionId)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The staging labels attached to {@code versionId}, in label order. */
  public List<String> stagesOf(String versionId) {
    return stages.entrySet().stream()
        .filter(e -> e.getValue().equals(versionId))
        .map(Map.Entry::getKey)
        .toList();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.accountId = accountId;
    b.region = region;
    b.name = name;
    b.arn = arn;
    b.description = description;
    b.kmsKeyId = kmsKeyId;
    b.createdAt = createdAt;
    b.lastChangedAt = lastChangedAt;
    b.lastAccessedDate = lastAccessedDate;
    b.deletionAt = deletionAt;
    b.rotationEnabled = rotationEnabled;
    b.rotationLambdaArn = rotationLambdaArn;
    b.rotationRules = rotationRules;
    b.lastRotatedAt = lastRotatedAt;
    b.nextRotationAt = nextRotationAt;
    b.owningService = owningService;
    b.type = type;
    b.resourcePolicy = resourcePolicy;
    b.primaryArn = primaryArn;
    b.revision = revision;
    b.tags = tags;
    b.versions = versions;
    b.stages = stages;
    b.replicas = replicas;
    return b;
  }

  /** Builds a {@link SecretRecord}; every member without a default must be set. */
  public static final class Builder {
    private long id;
    private @Nullable String accountId;
    private @Nullable String region;
    private @Nullable String name;
    private @Nullable String arn;
    private Optional<String> description = Optional.empty();
    private Optional<String> kmsKeyId = Optional.empty();
    private @Nullable Instant createdAt;
    private @Nullable Instant lastChangedAt;
    private Optional<LocalDate> lastAccessedDate = Optional.empty();
    private Optional<Instant> deletionAt = Optional.empty();
    private Optional<Boolean> rotationEnabled = Optional.empty();
    private Optional<String> rotationLambdaArn = Optional.empty();
    private Optional<String> rotationRules = Optional.empty();
    private Optional<Instant> lastRotatedAt = Optional.empty();
    private Optional<Instant> nextRotationAt = Optional.empty();
    private Optional<String> owningService = Optional.empty();
    private Optional<String> type = Optional.empty();
    private Optional<String> resourcePolicy = Optional.empty();
    private Optional<String> primaryArn = Optional.empty();
    private long revision;
    private List<Tag> tags = List.of();
    private List<VersionRecord> versions = List.of();
    private Map<String, String> stages = Map.of();
    private List<ReplicaRecord> replicas = List.of();

    private Builder() {}

    public Builder id(long id) {
      this.id = id;
      return this;
    }

    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder arn(String arn) {
      this.arn = arn;
      return this;
    }

    public Builder description(Optional<String> description) {
      this.description = description;
      return this;
    }

    public Builder description(String description) {
      this.description = Optional.of(description);
      return this;
    }

    public Builder kmsKeyId(Optional<String> kmsKeyId) {
      this.kmsKeyId = kmsKeyId;
      return this;
    }

    public Builder kmsKeyId(String kmsKeyId) {
      this.kmsKeyId = Optional.of(kmsKeyId);
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder lastChangedAt(Instant lastChangedAt) {
      this.lastChangedAt = lastChangedAt;
      return this;
    }

    public Builder lastAccessedDate(Optional<LocalDate> lastAccessedDate) {
      this.lastAccessedDate = lastAccessedDate;
      return this;
    }

    public Builder lastAccessedDate(LocalDate lastAccessedDate) {
      this.lastAccessedDate = Optional.of(lastAccessedDate);
      return this;
    }

    public Builder deletionAt(Optional<Instant> deletionAt) {
      this.deletionAt = deletionAt;
      return this;
    }

    public Builder deletionAt(Instant deletionAt) {
      this.deletionAt = Optional.of(deletionAt);
      return this;
    }

    public Builder rotationEnabled(Optional<Boolean> rotationEnabled) {
      this.rotationEnabled = rotationEnabled;
      return this;
    }

    public Builder rotationEnabled(Boolean rotationEnabled) {
      this.rotationEnabled = Optional.of(rotationEnabled);
      return this;
    }

    public Builder rotationLambdaArn(Optional<String> rotationLambdaArn) {
      this.rotationLambdaArn = rotationLambdaArn;
      return this;
    }

    public Builder rotationLambdaArn(String rotationLambdaArn) {
      this.rotationLambdaArn = Optional.of(rotationLambdaArn);
      return this;
    }

    public Builder rotationRules(Optional<String> rotationRules) {
      this.rotationRules = rotationRules;
      return this;
    }

    public Builder rotationRules(String rotationRules) {
      this.rotationRules = Optional.of(rotationRules);
      return this;
    }

    public Builder lastRotatedAt(Optional<Instant> lastRotatedAt) {
      this.lastRotatedAt = lastRotatedAt;
      return this;
    }

    public Builder lastRotatedAt(Instant lastRotatedAt) {
      this.lastRotatedAt = Optional.of(lastRotatedAt);
      return this;
    }

    public Builder nextRotationAt(Optional<Instant> nextRotationAt) {
      this.nextRotationAt = nextRotationAt;
      return this;
    }

    public Builder nextRotationAt(Instant nextRotationAt) {
      this.nextRotationAt = Optional.of(nextRotationAt);
      return this;
    }

    public Builder owningService(Optional<String> owningService) {
      this.owningService = owningService;
      return this;
    }

    public Builder owningService(String owningService) {
      this.owningService = Optional.of(owningService);
      return this;
    }

    public Builder type(Optional<String> type) {
      this.type = type;
      return this;
    }

    public Builder type(String type) {
      this.type = Optional.of(type);
      return this;
    }

    public Builder resourcePolicy(Optional<String> resourcePolicy) {
      this.resourcePolicy = resourcePolicy;
      return this;
    }

    public Builder resourcePolicy(String resourcePolicy) {
      this.resourcePolicy = Optional.of(resourcePolicy);
      return this;
    }

    public Builder primaryArn(Optional<String> primaryArn) {
      this.primaryArn = primaryArn;
      return this;
    }

    public Builder primaryArn(String primaryArn) {
      this.primaryArn = Optional.of(primaryArn);
      return this;
    }

    public Builder revision(long revision) {
      this.revision = revision;
      return this;
    }

    public Builder tags(List<Tag> tags) {
      this.tags = tags;
      return this;
    }

    public Builder versions(List<VersionRecord> versions) {
      this.versions = versions;
      return this;
    }

    public Builder stages(Map<String, String> stages) {
      this.stages = stages;
      return this;
    }

    public Builder replicas(List<ReplicaRecord> replicas) {
      this.replicas = replicas;
      return this;
    }

    public SecretRecord build() {
      return new SecretRecord(
          id,
          Objects.requireNonNull(accountId, "accountId"),
          Objects.requireNonNull(region, "region"),
          Objects.requireNonNull(name, "name"),
          Objects.requireNonNull(arn, "arn"),
          description,
          kmsKeyId,
          Objects.requireNonNull(createdAt, "createdAt"),
          Objects.requireNonNull(lastChangedAt, "lastChangedAt"),
          lastAccessedDate,
          deletionAt,
          rotationEnabled,
          rotationLambdaArn,
          rotationRules,
          lastRotatedAt,
          nextRotationAt,
          owningService,
          type,
          resourcePolicy,
          primaryArn,
          revision,
          tags,
          versions,
          stages,
          replicas);
    }
  }
}
