package dev.coffer.secrets;

import dev.coffer.core.RequestContext;
import dev.coffer.core.error.InvalidParameterException;
import dev.coffer.core.error.InvalidRequestException;
import dev.coffer.core.error.ResourceExistsException;
import dev.coffer.kms.ValueProtector;
import dev.coffer.policy.Authorizer;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.SecretRepository;
import dev.coffer.store.Store;
import dev.coffer.store.StoredValue;
import dev.coffer.store.Tag;
import dev.coffer.store.Tx;
import dev.coffer.store.ValueType;
import dev.coffer.store.VersionRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Secrets Manager domain: creating secrets, their versions and staging labels, reading values,
 * tags, deletion and restore. Each public method is one API call and runs in one transaction. Input
 * has already passed the API model's constraints (lengths, ranges, patterns); this class enforces
 * the rules that depend on state or combine parameters.
 */
public final class SecretsService {
  static final int MAX_TAGS = 50;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]+");

  private final Store store;
  private final ValueProtector protector;
  private final Clock clock;
  private final Replication replication;
  private final SecretCache cache = new SecretCache();
  // Set once by the server's wiring; defaults keep services built by tests working.
  private volatile RotationPolicy rotationPolicy =
      RotationPolicy.defaults(java.time.Duration.ofSeconds(30));
  private volatile RotationEvents rotationEvents = RotationEvents.NONE;
  private volatile SecretAccess access = new SecretAccess(new Authorizer());

  /** A service that may replicate secrets to any region. */
  public SecretsService(Store store, ValueProtector protector, Clock clock) {
    this(store, protector, clock, region -> true);
  }

  /** A service that replicates secrets only to {@code hostedRegions}. */
  public SecretsService(
      Store store, ValueProtector protector, Clock clock, Collection<String> hostedRegions) {
    this(store, protector, clock, Set.copyOf(hostedRegions)::contains);
  }

  private SecretsService(
      Store store, ValueProtector protector, Clock clock, Predicate<String> hostsRegion) {
    this.store = store;
    this.protector = protector;
    this.clock = clock;
    this.replication = new Replication(this, hostsRegion);
  }

  /** What CreateSecret asks for. */
  public record CreateRequest(
      String name,
      Optional<String> clientRequestToken,
      Optional<String> description,
      Optional<String> kmsKeyId,
      Optional<SecretPayload> value,
      List<SecretView.TagView> tags,
      Optional<String> type,
      List<Replication.ReplicaRegion> addReplicaRegions,
      boolean forceOverwriteReplicaSecret) {

    /** A CreateSecret request without replicas. */
    public CreateRequest(
        String name,
        Optional<String> clientRequestToken,
        Optional<String> description,
        Optional<String> kmsKeyId,
        Optional<SecretPayload> value,
        List<SecretView.TagView> tags,
        Optional<String> type) {
      this(name, clientRequestToken, description, kmsKeyId, value, tags, type, List.of(), false);
    }
  }

  /** What CreateSecret, PutSecretValue and UpdateSecret answer. */
  public record WriteResult(
      String arn,
      String name,
      Optional<String> versionId,
      List<String> versionStages,
      List<SecretView.ReplicaView> replicationStatus) {

    /** A result without replicas. */
    public WriteResult(
        String arn, String name, Optional<String> versionId, List<String> versionStages) {
      this(arn, name, versionId, versionStages, List.of());
    }
  }

  public WriteResult create(RequestContext ctx, CreateRequest req) {
    if (!NAME.matcher(req.name()).matches()) {
      throw new InvalidParameterException(
          "Invalid name. Must be a valid name containing alphanumeric characters, or any of the"
              + " following: -/_+=.@!");
    }
    String newArn = SecretArns.newArn(ctx.region(), ctx.accountId(), req.name());
    authorizeCreate(ctx, req, newArn);
    List<Tag> tags = checkedTags(List.of(), req.tags());
    return store.write(tx -> {
      SecretRepository repo = tx.secrets();
      Optional<SecretRecord> existing =
          repo.findByName(ctx.accountId(), ctx.region(), req.name(), true);
      if (existing.isPresent()) {
        return createAgain(tx, existing.get(), req);
      }
      Instant now = clock.instant();
      SecretRecord s =
          repo.insert(
              SecretRecord.builder()
                  .accountId(ctx.accountId())
                  .region(ctx.region())
                  .name(req.name())
                  .arn(newArn)
                  .description(req.description())
                  .kmsKeyId(req.kmsKeyId().filter(k -> !k.isEmpty()))
                  .createdAt(now)
                  .lastChangedAt(now)
                  .type(req.type())
                  .tags(tags)
                  .build());
      s =
          replication.addReplicas(
              tx, s, req.addReplicaRegions(), req.forceOverwriteReplicaSecret());
      if (req.value().isEmpty()) {
        return new WriteResult(
            s.arn(), s.name(), Optional.empty(), List.of(), view(tx, s).replicationStatus());
      }
      String versionId = req.clientRequestToken().orElseGet(SecretsService::newVersionId);
      s = addVersion(ctx, tx, s, versionId, req.value().get(), List.of(StagingLabels.CURRENT), now);
      s = replication.propagate(tx, s);
      return new WriteResult(
          s.arn(),
          s.name(),
          Optional.of(versionId),
          List.of(StagingLabels.CURRENT),
          view(tx, s).replicationStatus());
    });
  }

  /**
   * CreateSecret's authorization (§4.7): the action on the new secret's ARN with the request's
   * keys; a request with tags also needs TagResource, one with replicas ReplicateSecretToRegions
   * (AWS API Reference, CreateSecret, "Required permissions").
   */
  private void authorizeCreate(RequestContext ctx, CreateRequest req, String newArn) {
    SecretAccess.Check c =
        SecretAccess.Check.of("CreateSecret")
            .with(SecretAccess.PREFIX + "Name", req.name())
            .with(SecretAccess.PREFIX + "Description", req.description())
            .withRequestTags(req.tags());
    c = withKmsKey(c, req.kmsKeyId());
    if (!req.addReplicaRegions().isEmpty()) {
      c = withReplicas(c, req.addReplicaRegions(), req.forceOverwriteReplicaSecret());
    }
    access.authorizeNew(ctx, c, newArn);
    // The extra actions are checked in the same request context (same condition keys).
    if (!req.tags().isEmpty()) {
      access.authorizeNew(ctx, new SecretAccess.Check("TagResource", c.keys()), newArn);
    }
    if (!req.addReplicaRegions().isEmpty()) {
      access.authorizeNew(
          ctx, new SecretAccess.Check("ReplicateSecretToRegions", c.keys()), newArn);
    }
  }

  /** {@code secretsmanager:KmsKeyId} as given, and {@code KmsKeyArn} when it is an ARN. */
  static SecretAccess.Check withKmsKey(SecretAccess.Check c, Optional<String> kmsKeyId) {
    Optional<String> key = kmsKeyId.filter(k -> !k.isEmpty());
    return c.with(SecretAccess.PREFIX + "KmsKeyId", key)
        .with(SecretAccess.PREFIX + "KmsKeyArn", key.filter(k -> k.startsWith("arn:")));
  }

  static SecretAccess.Check withReplicas(
      SecretAccess.Check c, List<Replication.ReplicaRegion> regions, boolean force) {
    return c.with(
            SecretAccess.PREFIX + "AddReplicaRegions",
            regions.stream().map(Replication.ReplicaRegion::region).toList())
        .with(SecretAccess.PREFIX + "ForceOverwriteReplicaSecret", force);
  }

  /** CreateSecret for a name that exists: an idempotent retry succeeds, anything else fails. */
  private WriteResult createAgain(Tx tx, SecretRecord s, CreateRequest req) {
    if (s.scheduledForDeletion()) {
      throw new InvalidRequestException(
          "You can't create this secret because a secret with this name is already scheduled"
              + " for deletion.");
    }
    if (req.clientRequestToken().isPresent() && req.value().isPresent()) {
      String token = req.clientRequestToken().get();
      Optional<VersionRecord> v = version(tx, s, token);
      if (v.isPresent() && sameValue(tx, s, token, req.value().get())) {
        return new WriteResult(s.arn(), s.name(), Optional.of(token), s.stagesOf(token));
      }
    }
    throw new ResourceExistsException(
        "The operation failed because the secret " + s.name() + " already exists.");
  }

  /** What PutSecretValue asks for. */
  public record PutRequest(
      String secretId,
      Optional<String> clientRequestToken,
      SecretPayload value,
      Optional<List<String>> versionStages) {}

  public WriteResult putValue(RequestContext ctx, PutRequest req) {
    return store.write(tx -> {
      SecretRecord s =
          writable(resolve(tx, ctx, req.secretId(), true, SecretAccess.Check.of("PutSecretValue")));
      String versionId = req.clientRequestToken().orElseGet(SecretsService::newVersionId);
      List<String> labels = req.versionStages().orElse(List.of(StagingLabels.CURRENT));
      Optional<VersionRecord> existing = version(tx, s, versionId);
      if (existing.isPresent() && existing.get().valueType() != ValueType.NONE) {
        if (!sameValue(tx, s, versionId, req.value())) {
          throw tokenInUse(versionId, s.arn());
        }
        return new WriteResult(s.arn(), s.name(), Optional.of(versionId), s.stagesOf(versionId));
      }
      Instant now = clock.instant();
      if (existing.isPresent()) {
        // The AWSPENDING placeholder a rotation made before its createSecret step: fill it.
        VersionRecord placeholder = existing.get();
        StoredValue stored = protect(ctx, s, versionId, req.value());
        tx.secrets().writeValue(s.id(), versionId, stored);
        VersionRecord filled =
            new VersionRecord(
                versionId,
                placeholder.createdAt(),
                placeholder.lastAccessedDate(),
                Optional.of(stored.kmsKeyArn()),
                stored.type());
        s = tx.secrets().update(moveLabels(s, filled, labels, now));
      } else {
        s = abandonRotation(tx, s, versionId);
        s = addVersion(ctx, tx, s, versionId, req.value(), labels, now);
      }
      replication.propagate(tx, s);
      return new WriteResult(s.arn(), s.name(), Optional.of(versionId), s.stagesOf(versionId));
    });
  }

  /** See {@link RotationTracker#abandonIfRotating}; the event leaves once the write commits. */
  private SecretRecord abandonRotation(Tx tx, SecretRecord s, String newVersionId) {
    RotationTracker.Abandoned a = RotationTracker.abandonIfRotating(tx, this, s, newVersionId);
    a.event().ifPresent(e -> tx.afterCommit(() -> rotationEvents.emit(e)));
    return a.secret();
  }

  /** What UpdateSecret asks for; absent members stay as they are. */
  public record UpdateRequest(
      String secretId,
      Optional<String> clientRequestToken,
      Optional<String> description,
      Optional<String> kmsKeyId,
      Optional<SecretPayload> value,
      Optional<String> type) {}

  public WriteResult update(RequestContext ctx, UpdateRequest req) {
    return store.write(tx -> {
      SecretAccess.Check check =
          withKmsKey(
              SecretAccess.Check.of("UpdateSecret")
                  .with(SecretAccess.PREFIX + "Description", req.description())
                  .with(SecretAccess.PREFIX + "Type", req.type()),
              req.kmsKeyId());
      SecretRecord s = writable(resolve(tx, ctx, req.secretId(), true, check));
      Instant now = clock.instant();
      SecretRecord.Builder b = s.toBuilder().lastChangedAt(now);
      req.description().ifPresent(b::description);
      req.type().ifPresent(b::type);
      req.kmsKeyId().ifPresent(k -> b.kmsKeyId(k.isEmpty() ? Optional.empty() : Optional.of(k)));
      s = tx.secrets().update(b.build());
      if (req.kmsKeyId().isPresent()) {
        reencryptLabelled(ctx, tx, s);
      }
      replication.propagate(tx, s);
      if (req.value().isEmpty()) {
        return new WriteResult(s.arn(), s.name(), Optional.empty(), List.of());
      }
      String versionId = req.clientRequestToken().orElseGet(SecretsService::newVersionId);
      if (version(tx, s, versionId).isPresent()) {
        if (!sameValue(tx, s, versionId, req.value().get())) {
          throw tokenInUse(versionId, s.arn());
        }
        return new WriteResult(s.arn(), s.name(), Optional.of(versionId), s.stagesOf(versionId));
      }
      s = abandonRotation(tx, s, versionId);
      s = addVersion(ctx, tx, s, versionId, req.value().get(), List.of(StagingLabels.CURRENT), now);
      replication.propagate(tx, s);
      return new WriteResult(s.arn(), s.name(), Optional.of(versionId), s.stagesOf(versionId));
    });
  }

  /**
   * UpdateSecretVersionStage: attaches {@code label} to {@code moveTo} and/or removes it from
   * {@code removeFrom}. A label held by another version moves only when the caller names that
   * version in {@code removeFrom}, so that nobody moves AWSCURRENT by accident.
   */
  public SecretView updateVersionStage(
      RequestContext ctx,
      String secretId,
      String label,
      Optional<String> removeFrom,
      Optional<String> moveTo) {
    return store.write(tx -> {
      SecretAccess.Check check =
          SecretAccess.Check.of("UpdateSecretVersionStage")
              .with(SecretAccess.PREFIX + "VersionStage", label);
      SecretRecord s = writable(resolve(tx, ctx, secretId, true, check));
      Optional<String> holder = StagingLabels.holder(s.stages(), label);
      if (removeFrom.isPresent() && !holder.equals(removeFrom)) {
        throw new InvalidParameterException(
            "The staging label "
                + label
                + " is not attached to the version "
                + removeFrom.get()
                + ", so you can't remove it from that version.");
      }
      if (moveTo.isPresent()) {
        String target = moveTo.get();
        VersionRecord version =
            version(tx, s, target)
                .orElseThrow(() ->
                    new InvalidParameterException(
                        "The version " + target + " does not exist in this secret."));
        if (holder.isPresent() && !holder.get().equals(target) && removeFrom.isEmpty()) {
          throw new InvalidParameterException(
              "The parameter RemoveFromVersionId can't be empty. Staging label "
                  + label
                  + " is currently attached to version "
                  + holder.get()
                  + ", so you must explicitly reference that version in"
                  + " RemoveFromVersionId.");
        }
        s = moveLabels(s, version, List.of(label), clock.instant());
      } else if (removeFrom.isPresent()) {
        if (label.equals(StagingLabels.CURRENT)) {
          throw new InvalidParameterException(
              "You can't remove the staging label AWSCURRENT from a version without moving it"
                  + " to another version: specify MoveToVersionId.");
        }
        s =
            s.toBuilder()
                .stages(StagingLabels.detach(s.stages(), label))
                .lastChangedAt(clock.instant())
                .build();
      } else {
        throw new InvalidParameterException(
            "You must specify MoveToVersionId, RemoveFromVersionId or both.");
      }
      return view(tx, replication.propagate(tx, tx.secrets().update(s)));
    });
  }

  /**
   * GetSecretValue. Without VersionId or VersionStage it reads AWSCURRENT; with both, they must
   * name the same version. The secret and its protected value come from {@link SecretCache} when
   * the cached copy is still the committed revision.
   */
  public SecretValueView getValue(
      RequestContext ctx, String secretId, Optional<String> versionId, Optional<String> stage) {
    record Read(SecretValueView view, long secretId, boolean touch) {}
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Read read =
        store.read(tx -> {
          Optional<SecretRecord> found = cache.resolve(tx, ctx, secretId);
          access.authorize(
              ctx,
              SecretAccess.Check.of("GetSecretValue")
                  .with(SecretAccess.PREFIX + "VersionId", versionId)
                  .with(SecretAccess.PREFIX + "VersionStage", stage),
              found,
              secretId);
          SecretRecord s = readable(found.orElseThrow(SecretErrors::secretNotFound));
          VersionRecord v = selectVersion(tx, s, versionId, stage);
          String vid = v.versionId();
          StoredValue stored =
              cache
                  .value(tx, ctx, secretId, s, vid)
                  .orElseThrow(() ->
                      versionId.isPresent()
                          ? SecretErrors.noValueForVersion(vid)
                          : SecretErrors.noValueForStage(stage.orElse(StagingLabels.CURRENT)));
          SecretPayload payload = unprotect(ctx, s.arn(), vid, stored);
          boolean touch =
              v.lastAccessedDate().filter(d -> !d.isBefore(today)).isEmpty()
                  || s.lastAccessedDate().filter(d -> !d.isBefore(today)).isEmpty();
          return new Read(
              new SecretValueView(s.arn(), s.name(), vid, payload, s.stagesOf(vid), v.createdAt()),
              s.id(),
              touch);
        });
    if (read.touch()) {
      // LastAccessedDate has day resolution, so this write happens at most once a day a version.
      store.execute(
          tx -> tx.secrets().recordAccess(read.secretId(), read.view().versionId(), today));
    }
    return read.view();
  }

  /**
   * The version GetSecretValue reads. A labelled one comes from the record; an old one asked for by
   * VersionId costs one lookup.
   */
  private static VersionRecord selectVersion(
      Tx tx, SecretRecord s, Optional<String> versionId, Optional<String> stage) {
    if (versionId.isPresent()) {
      String vid = versionId.get();
      VersionRecord v = version(tx, s, vid).orElseThrow(() -> SecretErrors.noValueForVersion(vid));
      if (stage.isPresent() && !s.stagesOf(vid).contains(stage.get())) {
        throw new InvalidRequestException(
            "You provided a VersionStage that is not associated to the provided VersionId.");
      }
      return v;
    }
    String label = stage.orElse(StagingLabels.CURRENT);
    String vid =
        StagingLabels.holder(s.stages(), label)
            .orElseThrow(() -> SecretErrors.noValueForStage(label));
    return version(tx, s, vid).orElseThrow(() -> SecretErrors.noValueForVersion(vid));
  }

  public SecretView describe(RequestContext ctx, String secretId) {
    return store.read(
        tx -> view(tx, resolve(tx, ctx, secretId, false, SecretAccess.Check.of("DescribeSecret"))));
  }

  /** ListSecretVersionIds with IncludeDeprecated: a view that lists every version. */
  public SecretView versions(RequestContext ctx, String secretId) {
    return versions(ctx, secretId, true);
  }

  /**
   * ListSecretVersionIds: a view whose {@link SecretView#versions()} lists every version, or only
   * the labelled ones unless {@code includeDeprecated} (those come with the secret; all of them
   * take a read of every version row).
   */
  public SecretView versions(RequestContext ctx, String secretId, boolean includeDeprecated) {
    return store.read(tx -> {
      SecretRecord s =
          resolve(tx, ctx, secretId, false, SecretAccess.Check.of("ListSecretVersionIds"));
      return view(tx, s)
          .withVersions(includeDeprecated ? tx.secrets().versions(s.id()) : s.labelledVersions());
    });
  }

  public SecretView tag(RequestContext ctx, String secretId, List<SecretView.TagView> tags) {
    return store.write(tx -> {
      SecretAccess.Check check = SecretAccess.Check.of("TagResource").withRequestTags(tags);
      SecretRecord s = writable(resolve(tx, ctx, secretId, true, check));
      List<Tag> merged = checkedTags(s.tags(), tags);
      return view(
          tx,
          replication.propagate(
              tx,
              tx.secrets()
                  .update(s.toBuilder().tags(merged).lastChangedAt(clock.instant()).build())));
    });
  }

  public SecretView untag(RequestContext ctx, String secretId, List<String> keys) {
    return store.write(tx -> {
      SecretAccess.Check check = SecretAccess.Check.of("UntagResource").with("aws:TagKeys", keys);
      SecretRecord s = writable(resolve(tx, ctx, secretId, true, check));
      List<Tag> kept = s.tags().stream().filter(t -> !keys.contains(t.key())).toList();
      return view(
          tx,
          replication.propagate(
              tx,
              tx.secrets()
                  .update(s.toBuilder().tags(kept).lastChangedAt(clock.instant()).build())));
    });
  }

  // ---- shared helpers (package-private for the other parts of the domain) ----

  /**
   * Finds the secret {@code secretId} names and authorizes {@code check} on it before anything else
   * is known about it (see {@link SecretAccess}).
   */
  SecretRecord resolve(
      Tx tx, RequestContext ctx, String secretId, boolean forUpdate, SecretAccess.Check check) {
    Optional<SecretRecord> found = SecretResolver.resolve(tx.secrets(), ctx, secretId, forUpdate);
    access.authorize(ctx, check, found, secretId);
    return found.orElseThrow(SecretErrors::secretNotFound);
  }

  static SecretRecord readable(SecretRecord s) {
    if (s.scheduledForDeletion()) {
      throw SecretErrors.markedForDeletion();
    }
    return s;
  }

  static SecretRecord writable(SecretRecord s) {
    readable(s);
    if (s.isReplica()) {
      throw SecretErrors.replicaIsReadOnly();
    }
    return s;
  }

  SecretView view(Tx tx, SecretRecord s) {
    Optional<String> primaryRegion = Optional.empty();
    List<SecretView.ReplicaView> replicas = new ArrayList<>();
    if (s.isReplica()) {
      primaryRegion = s.primaryArn().flatMap(SecretArns::parse).map(SecretArns.Parsed::region);
    } else if (!s.replicas().isEmpty()) {
      primaryRegion = Optional.of(s.region());
      for (var r : s.replicas()) {
        Optional<LocalDate> accessed =
            tx.secrets()
                .findByArn(SecretArns.inRegion(s.arn(), r.region()), false)
                .flatMap(SecretRecord::lastAccessedDate);
        replicas.add(SecretView.ReplicaView.of(r, accessed));
      }
    }
    return new SecretView(s, primaryRegion, List.copyOf(replicas), occurringAsScheduled(tx, s));
  }

  /**
   * AWS Config's RotationOccurringAsScheduled: empty while rotation is off; false once a scheduled
   * rotation did not succeed (its retries ran out) or the date by which it should have happened
   * (NextRotationDate, the end of its window) has passed, until a rotation succeeds.
   */
  private Optional<Boolean> occurringAsScheduled(Tx tx, SecretRecord s) {
    if (!s.rotationEnabled().orElse(false) || s.isReplica()) {
      return Optional.empty();
    }
    boolean overdue = s.nextRotationAt().filter(d -> d.isBefore(clock.instant())).isPresent();
    boolean missed = tx.rotationRuns().find(s.id()).map(r -> r.scheduleMissed()).orElse(false);
    return Optional.of(!overdue && !missed);
  }

  private SecretRecord addVersion(
      RequestContext ctx,
      Tx tx,
      SecretRecord s,
      String versionId,
      SecretPayload value,
      List<String> labels,
      Instant now) {
    StoredValue stored = protect(ctx, s, versionId, value);
    VersionRecord v =
        new VersionRecord(
            versionId, now, Optional.empty(), Optional.of(stored.kmsKeyArn()), stored.type());
    tx.secrets().insertVersion(s.id(), v, Optional.of(stored));
    return tx.secrets().update(moveLabels(s, v, labels, now));
  }

  /**
   * Attaches {@code labels} to {@code v} (moving them, and AWSPREVIOUS with AWSCURRENT); the record
   * then carries {@code v}, and drops the versions left without a label.
   */
  private static SecretRecord moveLabels(
      SecretRecord s, VersionRecord v, List<String> labels, Instant now) {
    return s.toBuilder()
        .stages(StagingLabels.attach(s.stages(), v.versionId(), labels))
        .withVersion(v)
        .lastChangedAt(now)
        .build();
  }

  /**
   * The version {@code versionId} of {@code s}, labelled or not: from the record when it holds a
   * label, otherwise with one lookup (a secret can have thousands of unlabelled versions, which its
   * record does not carry).
   */
  static Optional<VersionRecord> version(Tx tx, SecretRecord s, String versionId) {
    Optional<VersionRecord> labelled = s.labelledVersion(versionId);
    return labelled.isPresent() ? labelled : tx.secrets().version(s.id(), versionId);
  }

  private void reencryptLabelled(RequestContext ctx, Tx tx, SecretRecord s) {
    for (String versionId : new java.util.LinkedHashSet<>(s.stages().values())) {
      Optional<StoredValue> stored = tx.secrets().readValue(s.id(), versionId);
      if (stored.isPresent()) {
        SecretPayload plain = unprotect(ctx, s.arn(), versionId, stored.get());
        try {
          tx.secrets().writeValue(s.id(), versionId, protect(ctx, s, versionId, plain));
        } finally {
          plain.wipe();
        }
      }
    }
  }

  /** Encrypts as Coffer itself (replication), without a caller's key permissions. */
  StoredValue protect(SecretRecord s, String versionId, SecretPayload value) {
    ValueProtector.Protected p =
        protector.protect(
            s.accountId(),
            s.region(),
            s.kmsKeyId().orElse(""),
            context(s.arn(), versionId),
            value.rawBytes());
    return stored(value, p);
  }

  /**
   * Encrypts on behalf of {@code ctx}'s caller: the key policy must let the caller use the key
   * through Secrets Manager (kms:GenerateDataKey with kms:ViaService, §4.6).
   */
  StoredValue protect(RequestContext ctx, SecretRecord s, String versionId, SecretPayload value) {
    ValueProtector.Protected p =
        protector.protect(
            ctx,
            s.accountId(),
            s.region(),
            s.kmsKeyId().orElse(""),
            context(s.arn(), versionId),
            value.rawBytes());
    return stored(value, p);
  }

  private static StoredValue stored(SecretPayload value, ValueProtector.Protected p) {
    return new StoredValue(
        value.isBinary() ? ValueType.BINARY : ValueType.STRING, p.keyArn(), p.blob());
  }

  /** Decrypts as Coffer itself (replication, idempotency checks). */
  SecretPayload unprotect(String arn, String versionId, StoredValue stored) {
    byte[] plain =
        protector.unprotect(
            new ValueProtector.Protected(stored.kmsKeyArn(), stored.blob()),
            context(arn, versionId));
    return SecretPayload.of(stored.type() == ValueType.BINARY, plain);
  }

  /** Decrypts on behalf of {@code ctx}'s caller (kms:Decrypt with kms:ViaService, §4.6). */
  SecretPayload unprotect(RequestContext ctx, String arn, String versionId, StoredValue stored) {
    byte[] plain =
        protector.unprotect(
            ctx,
            new ValueProtector.Protected(stored.kmsKeyArn(), stored.blob()),
            context(arn, versionId));
    return SecretPayload.of(stored.type() == ValueType.BINARY, plain);
  }

  private boolean sameValue(Tx tx, SecretRecord s, String versionId, SecretPayload candidate) {
    Optional<StoredValue> stored = tx.secrets().readValue(s.id(), versionId);
    if (stored.isEmpty()) {
      return false;
    }
    SecretPayload existing = unprotect(s.arn(), versionId, stored.get());
    try {
      return existing.sameAs(candidate);
    } finally {
      existing.wipe();
    }
  }

  /** The encryption context AWS binds to a secret version's data key. */
  static Map<String, String> context(String arn, String versionId) {
    return Map.of("SecretARN", arn, "SecretVersionId", versionId);
  }

  private static ResourceExistsException tokenInUse(String token, String arn) {
    return new ResourceExistsException(
        "You can't use ClientRequestToken "
            + token
            + " because that value is already in use for a version of secret "
            + arn
            + ".");
  }

  static List<Tag> checkedTags(List<Tag> current, List<SecretView.TagView> added) {
    List<Tag> out = new ArrayList<>(current);
    for (SecretView.TagView t : added) {
      if (t.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        throw new InvalidParameterException(
            "Tag keys beginning with 'aws:' are reserved for AWS use: " + t.key());
      }
      out.removeIf(existing -> existing.key().equals(t.key()));
      out.add(new Tag(t.key(), t.value()));
    }
    if (out.size() > MAX_TAGS) {
      throw new dev.coffer.core.error.LimitExceededException(
          "A secret can have at most "
              + MAX_TAGS
              + " tags; this request would leave "
              + out.size()
              + ".");
    }
    return out;
  }

  static String newVersionId() {
    return UUID.randomUUID().toString();
  }

  Store store() {
    return store;
  }

  /** Replication of this service's secrets to other regions. */
  public Replication replication() {
    return replication;
  }

  /** How many secrets GetSecretValue's cache holds (for tests). */
  int cacheSize() {
    return cache.size();
  }

  Clock clock() {
    return clock;
  }

  /**
   * Shares {@code access} (and its authorizer's parse cache) with the rest of the server. Called
   * once while the server is wired; until then the service authorizes with its own authorizer.
   */
  public void configureAccess(SecretAccess access) {
    this.access = java.util.Objects.requireNonNull(access, "access");
  }

  /** How this service authorizes calls. */
  public SecretAccess access() {
    return access;
  }

  /**
   * How this node runs rotations, and where rotation events go (metrics, and the audit trail once
   * it exists). Called once while the server is wired, before requests arrive.
   */
  public void configureRotation(RotationPolicy policy, RotationEvents events) {
    this.rotationPolicy = java.util.Objects.requireNonNull(policy, "policy");
    this.rotationEvents = java.util.Objects.requireNonNull(events, "events");
  }

  RotationPolicy rotationPolicy() {
    return rotationPolicy;
  }

  RotationEvents rotationEvents() {
    return rotationEvents;
  }
}
