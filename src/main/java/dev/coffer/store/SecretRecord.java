package dev.coffer.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A secret's stored state: its metadata, tags, staging labels, the versions those labels point to
 * (without values) and replicas. Immutable; change it through {@link #toBuilder()}.
 *
 * <p>A secret may hold thousands of versions without a label (AWS keeps them, and Coffer removes
 * them only when they are more than 100 and older than a day), so the record never carries those:
 * every read or write of a secret then costs the same however many versions it has. Code that needs
 * one of them reads it with {@link SecretRepository#version}, and code that needs them all (version
 * listings, clean-up, replication) with {@link SecretRepository#versions}.
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
 * @param labelledVersions the versions that hold at least one staging label, oldest first; a
 *     version that holds none is dropped on construction
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
    List<VersionRecord> labelledVersions,
    Map<String, String> stages,
    List<ReplicaRecord> replicas) {

  /** The order versions are kept in: creation time, then id (as the store sorts them). */
  public static final Comparator<VersionRecord> OLDEST_FIRST =
      Comparator.comparing(VersionRecord::createdAt).thenComparing(VersionRecord::versionId);

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
    stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    Collection<String> labelled = stages.values();
    labelledVersions =
        labelledVersions.stream().filter(v -> labelled.contains(v.versionId())).toList();
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

  /**
   * The version {@code versionId} if it holds a staging label; empty for an unlabelled version,
   * which the record does not carry (see {@link SecretRepository#version}).
   */
  public Optional<VersionRecord> labelledVersion(String versionId) {
    for (VersionRecord v : labelledVersions) {
      if (v.versionId().equals(versionId)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The staging labels attached to {@code versionId}, in label order. */
  public List<String> stagesOf(String versionId) {
    // A loop rather than a stream: GetSecretValue asks this on every read.
    List<String> labels = new ArrayList<>(2);
    for (Map.Entry<String, String> e : stages.entrySet()) {
      if (e.getValue().equals(versionId)) {
        labels.add(e.getKey());
      }
    }
    return Collections.unmodifiableList(labels);
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
    b.labelledVersions = labelledVersions;
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
    private List<VersionRecord> labelledVersions = List.of();
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

    /** The versions the labels point to; versions without a label are dropped on build. */
    public Builder labelledVersions(List<VersionRecord> labelledVersions) {
      this.labelledVersions = labelledVersions;
      return this;
    }

    /**
     * Adds {@code v} to the labelled versions, or replaces the entry with its id (a placeholder
     * that received its value); keeps them oldest first.
     */
    public Builder withVersion(VersionRecord v) {
      List<VersionRecord> out = new ArrayList<>(labelledVersions.size() + 1);
      for (VersionRecord old : labelledVersions) {
        if (!old.versionId().equals(v.versionId())) {
          out.add(old);
        }
      }
      out.add(v);
      out.sort(OLDEST_FIRST);
      this.labelledVersions = out;
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
          labelledVersions,
          stages,
          replicas);
    }
  }
}
