package dev.coffer.secrets;

import dev.coffer.core.RequestContext;
import dev.coffer.core.error.InvalidParameterException;
import dev.coffer.core.error.InvalidRequestException;
import dev.coffer.store.ReplicaRecord;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.Tx;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Multi-Region secrets (AWS User Guide, "Replicate an AWS Secrets Manager secret to other AWS
 * Regions"; API Reference ReplicateSecretToRegions, RemoveRegionsFromReplication,
 * StopReplicationToReplica).
 *
 * <p>A replica is a secret row of its own in the target region: the primary's name, the primary's
 * ARN with the region replaced, {@code primaryArn} set, and every value encrypted again under the
 * replica's key with the replica's ARN in the encryption context. The primary lists its replicas
 * with their region, key and status. AWS replicates asynchronously; here every write to a primary
 * ends with {@link #propagate} inside the same transaction, so a replica is either {@code InSync}
 * (it exists and matches the primary at every commit) or {@code Failed} (it was never created, and
 * the status message says why). {@code InProgress} is never reported.
 */
public final class Replication {
  public static final String IN_SYNC = "InSync";
  public static final String FAILED = "Failed";

  /** The key AWS names for a replica created without KmsKeyId (ReplicaRegionType.KmsKeyId). */
  static final String DEFAULT_KEY = "alias/aws/secretsmanager";

  static final String SUCCEEDED = "Replication succeeded";

  /** AWS API Reference, ReplicationStatusType.StatusMessage. */
  static final String NAME_TAKEN = "Secret with this name already exists in this region";

  private final SecretsService secrets;
  private final Predicate<String> hostsRegion;
  private final ReplicaSync sync;

  Replication(SecretsService secrets, Predicate<String> hostsRegion) {
    this.secrets = secrets;
    this.hostsRegion = hostsRegion;
    this.sync = new ReplicaSync(secrets);
  }

  /**
   * One entry of AddReplicaRegions.
   *
   * @param region the region to replicate to
   * @param kmsKeyId the key to encrypt the replica with; empty (or "") for {@code
   *     aws/secretsmanager}
   */
  public record ReplicaRegion(String region, Optional<String> kmsKeyId) {}

  /** What ReplicateSecretToRegions and RemoveRegionsFromReplication answer. */
  public record ReplicationResult(String arn, List<SecretView.ReplicaView> replicationStatus) {}

  /** ReplicateSecretToRegions. */
  public ReplicationResult replicate(
      RequestContext ctx, String secretId, List<ReplicaRegion> regions, boolean forceOverwrite) {
    return secrets
        .store()
        .write(tx -> {
          SecretAccess.Check check =
              SecretsService.withReplicas(
                  SecretAccess.Check.of("ReplicateSecretToRegions"), regions, forceOverwrite);
          SecretRecord s = SecretsService.writable(secrets.resolve(tx, ctx, secretId, true, check));
          s = addReplicas(tx, s, regions, forceOverwrite);
          return new ReplicationResult(s.arn(), secrets.view(tx, s).replicationStatus());
        });
  }

  /**
   * RemoveRegionsFromReplication: deletes the replicas in {@code regions} at once (no recovery
   * window). Regions the secret is not replicated to are ignored, so a retried call succeeds.
   */
  public ReplicationResult removeRegions(
      RequestContext ctx, String secretId, List<String> regions) {
    return secrets
        .store()
        .write(tx -> {
          SecretRecord s =
              SecretsService.writable(
                  secrets.resolve(
                      tx,
                      ctx,
                      secretId,
                      true,
                      SecretAccess.Check.of("RemoveRegionsFromReplication")));
          List<ReplicaRecord> kept =
              s.replicas().stream().filter(r -> !regions.contains(r.region())).toList();
          if (kept.size() != s.replicas().size()) {
            for (ReplicaRecord r : s.replicas()) {
              if (regions.contains(r.region())) {
                replicaRow(tx, s, r.region()).ifPresent(row -> tx.secrets().delete(row.id()));
              }
            }
            s =
                propagate(
                    tx,
                    tx.secrets().update(s.toBuilder().replicas(kept).lastChangedAt(now()).build()));
          }
          return new ReplicationResult(s.arn(), secrets.view(tx, s).replicationStatus());
        });
  }

  /**
   * StopReplicationToReplica, called in the replica's region: the replica becomes a standalone
   * secret with the same ARN, and leaves its primary's list.
   *
   * @return the promoted secret's ARN
   */
  public String stopReplication(RequestContext ctx, String secretId) {
    return secrets
        .store()
        .write(tx -> {
          SecretRecord seen =
              secrets.resolve(
                  tx, ctx, secretId, false, SecretAccess.Check.of("StopReplicationToReplica"));
          String primaryArn = seen.primaryArn().orElseThrow(() -> notAReplica(seen));
          // Lock the primary before the replica: every write to a primary locks in that order.
          Optional<SecretRecord> primary = tx.secrets().findByArn(primaryArn, true);
          SecretRecord replica =
              tx.secrets()
                  .findById(seen.id(), true)
                  .filter(r -> r.primaryArn().equals(Optional.of(primaryArn)))
                  .orElseThrow(() -> notAReplica(seen));
          Instant now = now();
          if (primary.isPresent()) {
            SecretRecord p = primary.get();
            List<ReplicaRecord> kept =
                p.replicas().stream().filter(r -> !r.region().equals(replica.region())).toList();
            propagate(
                tx, tx.secrets().update(p.toBuilder().replicas(kept).lastChangedAt(now).build()));
          }
          return tx.secrets()
              .update(replica.toBuilder().primaryArn(Optional.empty()).lastChangedAt(now).build())
              .arn();
        });
  }

  /**
   * Adds replicas to {@code primary} (CreateSecret AddReplicaRegions, ReplicateSecretToRegions). A
   * region that already holds an in-sync replica gets the key asked for (the one thing AWS lets
   * differ between a replica and its primary); a region whose replica failed is tried again.
   *
   * @return the primary as saved, with its new replica list
   */
  SecretRecord addReplicas(
      Tx tx, SecretRecord primary, List<ReplicaRegion> requested, boolean forceOverwrite) {
    if (requested.isEmpty()) {
      return primary;
    }
    checkRegions(primary.region(), requested);
    Map<String, ReplicaRecord> byRegion = new TreeMap<>();
    primary.replicas().forEach(r -> byRegion.put(r.region(), r));
    Set<String> created = new HashSet<>();
    for (ReplicaRegion want : requested) {
      ReplicaRecord current = byRegion.get(want.region());
      Optional<SecretRecord> row =
          current != null && current.status().equals(IN_SYNC)
              ? replicaRow(tx, primary, want.region())
              : Optional.empty();
      if (row.isPresent()) {
        byRegion.put(want.region(), changeKey(tx, row.get(), want));
      } else {
        byRegion.put(want.region(), createReplica(tx, primary, want, forceOverwrite));
        created.add(want.region());
      }
    }
    SecretRecord saved =
        tx.secrets()
            .update(
                primary.toBuilder()
                    .replicas(List.copyOf(byRegion.values()))
                    .lastChangedAt(now())
                    .build());
    return propagate(tx, saved, created);
  }

  /**
   * Brings every in-sync replica of {@code primary} in step with it: versions and their values,
   * staging labels, description, tags, resource policy, rotation settings and deletion state. Must
   * be called, in the same transaction, after every change to a secret; for a secret without
   * replicas it does nothing and reads nothing. Its cost does not grow with the number of versions
   * the secret has (see {@link ReplicaSync#copy}).
   *
   * @param primary the secret as just saved
   * @return {@code primary}, so a call can wrap the save
   */
  SecretRecord propagate(Tx tx, SecretRecord primary) {
    return propagate(tx, primary, Set.of());
  }

  /** {@link #propagate}, copying every version to the replicas in {@code created} regions. */
  private SecretRecord propagate(Tx tx, SecretRecord primary, Set<String> created) {
    for (ReplicaRecord r : primary.replicas()) {
      if (r.status().equals(IN_SYNC)) {
        boolean whole = created.contains(r.region());
        replicaRow(tx, primary, r.region())
            .ifPresent(row -> {
              if (whole) {
                sync.copyAll(tx, primary, row);
              } else {
                sync.copy(tx, primary, row);
              }
            });
      }
    }
    return primary;
  }

  private ReplicaRecord createReplica(
      Tx tx, SecretRecord primary, ReplicaRegion want, boolean forceOverwrite) {
    String region = want.region();
    if (!hostsRegion.test(region)) {
      return failed(
          want,
          "Replication failed: the Region "
              + region
              + " is not hosted by this server (see the regions setting).");
    }
    Optional<SecretRecord> existing =
        tx.secrets().findByName(primary.accountId(), region, primary.name(), true);
    if (existing.isPresent()) {
      SecretRecord other = existing.get();
      boolean ours = other.primaryArn().equals(Optional.of(primary.arn()));
      if (!ours && !forceOverwrite) {
        return failed(want, NAME_TAKEN);
      }
      if (!other.replicas().isEmpty()) {
        // Overwriting it would orphan its own replicas in other regions.
        return failed(want, NAME_TAKEN + ", and it has replicas of its own");
      }
      detachFromPrimary(tx, other);
      tx.secrets().delete(other.id());
    }
    Instant now = now();
    tx.secrets()
        .insert(
            SecretRecord.builder()
                .accountId(primary.accountId())
                .region(region)
                .name(primary.name())
                .arn(SecretArns.inRegion(primary.arn(), region))
                .kmsKeyId(storedKey(want))
                .createdAt(now)
                .lastChangedAt(now)
                .primaryArn(primary.arn())
                .build());
    return inSync(want);
  }

  /** Re-encrypts an existing replica under the key {@code want} names, if it differs. */
  private ReplicaRecord changeKey(Tx tx, SecretRecord replica, ReplicaRegion want) {
    if (!replica.kmsKeyId().equals(storedKey(want))) {
      sync.reencrypt(
          tx, tx.secrets().update(replica.toBuilder().kmsKeyId(storedKey(want)).build()));
    }
    return inSync(want);
  }

  /** Takes a replica that is about to be overwritten off its own primary's list. */
  private static void detachFromPrimary(Tx tx, SecretRecord replica) {
    replica
        .primaryArn()
        .flatMap(arn -> tx.secrets().findByArn(arn, true))
        .ifPresent(p ->
            tx.secrets()
                .update(
                    p.toBuilder()
                        .replicas(
                            p.replicas().stream()
                                .filter(r -> !r.region().equals(replica.region()))
                                .toList())
                        .build()));
  }

  /** The replica row of {@code primary} in {@code region}, locked. */
  private static Optional<SecretRecord> replicaRow(Tx tx, SecretRecord primary, String region) {
    return tx.secrets()
        .findByArn(SecretArns.inRegion(primary.arn(), region), true)
        .filter(r -> r.primaryArn().equals(Optional.of(primary.arn())));
  }

  private static void checkRegions(String primaryRegion, List<ReplicaRegion> requested) {
    Set<String> seen = new HashSet<>();
    for (ReplicaRegion r : requested) {
      if (r.region().equals(primaryRegion)) {
        throw new InvalidParameterException(
            "Invalid replica region: "
                + r.region()
                + " is the Region of the primary secret, so it can't hold a replica.");
      }
      if (!seen.add(r.region())) {
        throw new InvalidParameterException(
            "The Region " + r.region() + " appears more than once in AddReplicaRegions.");
      }
    }
  }

  private static Optional<String> storedKey(ReplicaRegion want) {
    return want.kmsKeyId().filter(k -> !k.isEmpty());
  }

  private static Optional<String> shownKey(ReplicaRegion want) {
    return Optional.of(storedKey(want).orElse(DEFAULT_KEY));
  }

  private static ReplicaRecord inSync(ReplicaRegion want) {
    return new ReplicaRecord(want.region(), shownKey(want), IN_SYNC, Optional.of(SUCCEEDED));
  }

  private static ReplicaRecord failed(ReplicaRegion want, String message) {
    return new ReplicaRecord(want.region(), shownKey(want), FAILED, Optional.of(message));
  }

  private static InvalidRequestException notAReplica(SecretRecord s) {
    return new InvalidRequestException(
        "The secret "
            + s.name()
            + " in Region "
            + s.region()
            + " isn't a replica secret, so there is no replication to stop. Call"
            + " StopReplicationToReplica in the Region of the replica you want to promote.");
  }

  private Instant now() {
    return secrets.clock().instant();
  }
}
