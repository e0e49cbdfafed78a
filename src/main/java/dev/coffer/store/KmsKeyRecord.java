package dev.coffer.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A KMS key as stored: metadata, state, rotation settings, key policy and tags. Its key material is
 * kept apart ({@link KeyMaterialRecord}), wrapped.
 *
 * @param keyId the key's UUID
 * @param keyManager {@code CUSTOMER} or {@code AWS}
 * @param keyState {@code Enabled}, {@code Disabled} or {@code PendingDeletion}
 * @param pendingWindowDays the deletion waiting period while the key is pending deletion
 * @param rotationPeriodDays days between automatic rotations while rotation is enabled
 * @param nextRotationAt when automatic rotation next adds material, while enabled
 * @param onDemandRotations how many on-demand rotations the key has had (AWS allows 25)
 * @param currentVersion the material version used to encrypt
 */
public record KmsKeyRecord(
    String keyId,
    String accountId,
    String region,
    String arn,
    String description,
    String keyManager,
    String keyState,
    Instant createdAt,
    Optional<Instant> deletionAt,
    Optional<Integer> pendingWindowDays,
    boolean rotationEnabled,
    Optional<Integer> rotationPeriodDays,
    Optional<Instant> nextRotationAt,
    int onDemandRotations,
    int currentVersion,
    String policy,
    List<Tag> tags) {

  public KmsKeyRecord {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(keyManager, "keyManager");
    Objects.requireNonNull(keyState, "keyState");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(deletionAt, "deletionAt");
    Objects.requireNonNull(pendingWindowDays, "pendingWindowDays");
    Objects.requireNonNull(rotationPeriodDays, "rotationPeriodDays");
    Objects.requireNonNull(nextRotationAt, "nextRotationAt");
    Objects.requireNonNull(policy, "policy");
    tags = List.copyOf(tags);
    if (currentVersion < 1) {
      throw new IllegalArgumentException("material versions start at 1");
    }
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a changed copy of a key; every component starts as the original's. */
  public static final class Builder {
    private final KmsKeyRecord k;
    private String description;
    private String keyState;
    private Optional<Instant> deletionAt;
    private Optional<Integer> pendingWindowDays;
    private boolean rotationEnabled;
    private Optional<Integer> rotationPeriodDays;
    private Optional<Instant> nextRotationAt;
    private int onDemandRotations;
    private int currentVersion;
    private String policy;
    private List<Tag> tags;

    private Builder(KmsKeyRecord k) {
      this.k = k;
      description = k.description;
      keyState = k.keyState;
      deletionAt = k.deletionAt;
      pendingWindowDays = k.pendingWindowDays;
      rotationEnabled = k.rotationEnabled;
      rotationPeriodDays = k.rotationPeriodDays;
      nextRotationAt = k.nextRotationAt;
      onDemandRotations = k.onDemandRotations;
      currentVersion = k.currentVersion;
      policy = k.policy;
      tags = k.tags;
    }

    public Builder description(String v) {
      description = v;
      return this;
    }

    public Builder keyState(String v) {
      keyState = v;
      return this;
    }

    public Builder deletion(Optional<Instant> at, Optional<Integer> windowDays) {
      deletionAt = at;
      pendingWindowDays = windowDays;
      return this;
    }

    public Builder rotation(boolean enabled, Optional<Integer> periodDays, Optional<Instant> next) {
      rotationEnabled = enabled;
      rotationPeriodDays = periodDays;
      nextRotationAt = next;
      return this;
    }

    public Builder onDemandRotations(int v) {
      onDemandRotations = v;
      return this;
    }

    public Builder currentVersion(int v) {
      currentVersion = v;
      return this;
    }

    public Builder policy(String v) {
      policy = v;
      return this;
    }

    public Builder tags(List<Tag> v) {
      tags = v;
      return this;
    }

    public KmsKeyRecord build() {
      return new KmsKeyRecord(
          k.keyId,
          k.accountId,
          k.region,
          k.arn,
          description,
          k.keyManager,
          keyState,
          k.createdAt,
          deletionAt,
          pendingWindowDays,
          rotationEnabled,
          rotationPeriodDays,
          nextRotationAt,
          onDemandRotations,
          currentVersion,
          policy,
          tags);
    }
  }
}
