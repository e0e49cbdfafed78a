package dev.coffer.secrets;

import dev.coffer.store.ReplicaRecord;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.Tag;
import dev.coffer.store.VersionRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What DescribeSecret and ListSecrets show of a secret: its metadata, never its value. Exposes only
 * JDK and {@code secrets} types, so the protocol layer does not see the store's records. It is also
 * what the ListSecrets and BatchGetSecretValue filters look at.
 */
public final class SecretView implements FilterableSecret {
  private final SecretRecord r;
  private final Optional<String> primaryRegion;
  private final List<ReplicaView> replicas;
  private final Optional<Boolean> rotationOccurringAsScheduled;
  // The versions ListSecretVersionIds shows; empty in every other view (see withVersions).
  private final Optional<List<VersionRecord>> versions;

  SecretView(SecretRecord r, Optional<String> primaryRegion, List<ReplicaView> replicas) {
    this(r, primaryRegion, replicas, Optional.empty());
  }

  SecretView(
      SecretRecord r,
      Optional<String> primaryRegion,
      List<ReplicaView> replicas,
      Optional<Boolean> rotationOccurringAsScheduled) {
    this(r, primaryRegion, replicas, rotationOccurringAsScheduled, Optional.empty());
  }

  private SecretView(
      SecretRecord r,
      Optional<String> primaryRegion,
      List<ReplicaView> replicas,
      Optional<Boolean> rotationOccurringAsScheduled,
      Optional<List<VersionRecord>> versions) {
    this.r = r;
    this.primaryRegion = primaryRegion;
    this.replicas = replicas;
    this.rotationOccurringAsScheduled = rotationOccurringAsScheduled;
    this.versions = versions;
  }

  /** This view with {@code versions} (oldest first) as what {@link #versions()} lists. */
  SecretView withVersions(List<VersionRecord> versions) {
    return new SecretView(
        r,
        primaryRegion,
        replicas,
        rotationOccurringAsScheduled,
        Optional.of(List.copyOf(versions)));
  }

  /**
   * AWS Config's {@code RotationOccurringAsScheduled} (rule
   * secretsmanager-scheduled-rotation-success-check): empty while rotation is off, false when a
   * scheduled rotation did not succeed or its NextRotationDate has passed, until the next success.
   * Not part of DescribeSecret's answer.
   */
  public Optional<Boolean> rotationOccurringAsScheduled() {
    return rotationOccurringAsScheduled;
  }

  /** A tag. */
  public record TagView(String key, String value) {}

  /** A replica's state as ReplicationStatus shows it. */
  public record ReplicaView(
      String region,
      Optional<String> kmsKeyId,
      String status,
      Optional<String> statusMessage,
      Optional<LocalDate> lastAccessedDate) {
    static ReplicaView of(ReplicaRecord r, Optional<LocalDate> lastAccessed) {
      return new ReplicaView(r.region(), r.kmsKeyId(), r.status(), r.statusMessage(), lastAccessed);
    }
  }

  /** A version as ListSecretVersionIds shows it. */
  public record VersionView(
      String versionId,
      List<String> stages,
      Optional<LocalDate> lastAccessedDate,
      Instant createdDate,
      List<String> kmsKeyIds) {
    static VersionView of(SecretRecord s, VersionRecord v) {
      return new VersionView(
          v.versionId(),
          s.stagesOf(v.versionId()),
          v.lastAccessedDate(),
          v.createdAt(),
          v.kmsKeyArn().map(List::of).orElse(List.of()));
    }
  }

  public String arn() {
    return r.arn();
  }

  @Override
  public String name() {
    return r.name();
  }

  @Override
  public Optional<String> description() {
    return r.description();
  }

  /** The key id as the user gave it; empty for the default key, which AWS omits. */
  public Optional<String> kmsKeyId() {
    return r.kmsKeyId();
  }

  public Optional<Boolean> rotationEnabled() {
    return r.rotationEnabled();
  }

  public Optional<String> rotationLambdaArn() {
    return r.rotationLambdaArn();
  }

  /** The rotation rules as their JSON text. */
  public Optional<String> rotationRulesJson() {
    return r.rotationRules();
  }

  /**
   * "If the secret isn't configured for rotation or rotation has been disabled, Secrets Manager
   * returns null" (DescribeSecret.LastRotatedDate); the stored date survives for when it is back
   * on.
   */
  public Optional<Instant> lastRotatedDate() {
    return r.rotationEnabled().orElse(false) ? r.lastRotatedAt() : Optional.empty();
  }

  public Instant lastChangedDate() {
    return r.lastChangedAt();
  }

  public Optional<LocalDate> lastAccessedDate() {
    return r.lastAccessedDate();
  }

  /** When a scheduled deletion takes effect (AWS calls it DeletedDate here). */
  public Optional<Instant> deletedDate() {
    return r.deletionAt();
  }

  public Optional<Instant> nextRotationDate() {
    return r.rotationEnabled().orElse(false) ? r.nextRotationAt() : Optional.empty();
  }

  public List<TagView> tags() {
    return r.tags().stream().map((Tag t) -> new TagView(t.key(), t.value())).toList();
  }

  @Override
  public List<String> tagKeys() {
    return r.tags().stream().map(Tag::key).toList();
  }

  @Override
  public List<String> tagValues() {
    return r.tags().stream().map(Tag::value).toList();
  }

  /** Labelled versions only: unlabelled ("deprecated") versions are left out, as AWS does. */
  public Map<String, List<String>> versionIdsToStages() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (VersionRecord v : r.labelledVersions()) {
      List<String> stages = r.stagesOf(v.versionId());
      if (!stages.isEmpty()) {
        out.put(v.versionId(), stages);
      }
    }
    return out;
  }

  @Override
  public Optional<String> owningService() {
    return r.owningService();
  }

  public Instant createdDate() {
    return r.createdAt();
  }

  public Optional<String> type() {
    return r.type();
  }

  /** The primary's region, for secrets that take part in replication. */
  @Override
  public Optional<String> primaryRegion() {
    return primaryRegion;
  }

  public List<ReplicaView> replicationStatus() {
    return replicas;
  }

  /**
   * The versions loaded for ListSecretVersionIds ({@link SecretsService#versions}), oldest first.
   *
   * @throws IllegalStateException for any other view: a secret's record carries only its labelled
   *     versions, and a listing that silently left out the others would be wrong
   */
  public List<VersionView> versions() {
    return versions
        .orElseThrow(
            () -> new IllegalStateException("versions are listed only by SecretsService.versions"))
        .stream()
        .map(v -> VersionView.of(r, v))
        .toList();
  }
}
