package dev.coffer.secrets;

import dev.coffer.audit.AuditEvents;
import dev.coffer.audit.AuditLog;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.InvalidParameterException;
import dev.coffer.store.SecretRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Deletion with a recovery window, restore, and the background work that ends both: permanent
 * deletion once the window has passed, and removal of old unlabelled versions (AWS API Reference,
 * DeleteSecret, RestoreSecret, PutSecretValue: "Secrets Manager keeps 100 of the most recent
 * versions, but it keeps all secret versions created in the last 24 hours").
 */
public final class SecretLifecycle {
  private static final Logger LOG = Logger.getLogger(SecretLifecycle.class.getName());
  public static final int DEFAULT_RECOVERY_DAYS = 30;
  static final int MAX_VERSIONS = 100;
  static final Duration VERSION_GRACE = Duration.ofHours(24);
  private static final int PURGE_BATCH = 500;

  private final SecretsService secrets;
  private final AuditLog audit;

  /**
   * @param audit records the background deletions as service events
   */
  public SecretLifecycle(SecretsService secrets, AuditLog audit) {
    this.secrets = secrets;
    this.audit = audit;
  }

  /** What DeleteSecret answers. */
  public record DeleteResult(String arn, String name, Instant deletionDate) {}

  public DeleteResult delete(
      RequestContext ctx, String secretId, Optional<Long> recoveryDays, boolean force) {
    if (force && recoveryDays.isPresent()) {
      throw new InvalidParameterException(
          "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    long days = recoveryDays.orElse((long) DEFAULT_RECOVERY_DAYS);
    if (days < 7 || days > 30) {
      throw new InvalidParameterException(
          "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
    }
    return secrets
        .store()
        .write(tx -> {
          Instant now = secrets.clock().instant();
          Optional<SecretRecord> found = lockPrimaryFirst(tx, ctx, secretId);
          SecretAccess.Check check =
              SecretAccess.Check.of("DeleteSecret")
                  .with(SecretAccess.PREFIX + "ForceDeleteWithoutRecovery", force);
          if (recoveryDays.isPresent()) {
            check =
                check.with(
                    SecretAccess.PREFIX + "RecoveryWindowInDays",
                    Long.toString(recoveryDays.get()));
          }
          secrets.access().authorize(ctx, check, found, secretId);
          if (found.isEmpty()) {
            if (force) {
              // Force-deleting a secret that is already gone succeeds (AWS API Reference,
              // DeleteSecret ForceDeleteWithoutRecovery).
              return new DeleteResult(secretId, nameOf(secretId), now);
            }
            throw SecretErrors.secretNotFound();
          }
          SecretRecord s = found.get();
          if (!s.replicas().isEmpty()) {
            throw new InvalidParameterException(
                "You can't delete secret "
                    + secretId
                    + " that still has replica regions "
                    + s.replicas().stream().map(r -> r.region()).toList()
                    + ".");
          }
          if (force || s.isReplica()) {
            removeNow(tx, s);
            return new DeleteResult(s.arn(), s.name(), now);
          }
          if (s.scheduledForDeletion()) {
            throw SecretErrors.markedForDeletion();
          }
          Instant when = now.plus(Duration.ofDays(days));
          secrets
              .replication()
              .propagate(
                  tx,
                  tx.secrets().update(s.toBuilder().deletionAt(when).lastChangedAt(now).build()));
          return new DeleteResult(s.arn(), s.name(), when);
        });
  }

  /** RestoreSecret: cancels a scheduled deletion. */
  public SecretView restore(RequestContext ctx, String secretId) {
    return secrets
        .store()
        .write(tx -> {
          SecretRecord s =
              secrets.resolve(tx, ctx, secretId, true, SecretAccess.Check.of("RestoreSecret"));
          if (s.scheduledForDeletion()) {
            s =
                tx.secrets()
                    .update(
                        s.toBuilder()
                            .deletionAt(Optional.empty())
                            .lastChangedAt(secrets.clock().instant())
                            .build());
            // CloudTrail logs CancelSecretVersionDelete for each version a restore keeps (User
            // Guide, "Logging with CloudTrail"), committed with the restore.
            for (var v : tx.secrets().versions(s.id())) {
              serviceEvent(s, Optional.of(v.versionId()), "CancelSecretVersionDelete");
            }
          }
          return secrets.view(tx, secrets.replication().propagate(tx, s));
        });
  }

  /**
   * One round of background work: deletes secrets whose recovery window has passed, and trims
   * secrets with more than 100 versions. Safe to run on several nodes at once: each deletion
   * re-reads the row under lock inside its own transaction.
   */
  public void runHousekeeping() {
    Instant now = secrets.clock().instant();
    List<SecretRecord> due =
        secrets.store().read(tx -> tx.secrets().dueForDeletion(now, PURGE_BATCH));
    for (SecretRecord candidate : due) {
      secrets
          .store()
          .execute(tx ->
              tx.secrets()
                  .findById(candidate.id(), true)
                  .filter(s -> s.deletionAt().filter(d -> !d.isAfter(now)).isPresent())
                  .ifPresent(s -> {
                    serviceEvent(s, Optional.empty(), "StartSecretVersionDelete");
                    removeNow(tx, s);
                    auditDeletion(s, Optional.empty());
                  }));
      LOG.fine(() -> "permanently deleted " + candidate.arn());
    }
    for (long id : secrets.store().read(tx -> tx.secrets().withMoreVersionsThan(MAX_VERSIONS))) {
      secrets
          .store()
          .execute(tx -> tx.secrets().findById(id, true).ifPresent(s -> trimVersions(tx, s, now)));
    }
  }

  /**
   * Removes the oldest unlabelled versions older than 24 hours until at most 100 remain. The store
   * picks them, so a secret with thousands of younger versions costs one count and one query that
   * returns only what is removed, not a read of every version each round.
   */
  private void trimVersions(dev.coffer.store.Tx tx, SecretRecord s, Instant now) {
    long excess = tx.secrets().versionCount(s.id()) - MAX_VERSIONS;
    if (excess <= 0) {
      return;
    }
    for (String versionId :
        tx.secrets().oldestUnlabelled(s.id(), now.minus(VERSION_GRACE), (int) excess)) {
      tx.secrets().deleteVersion(s.id(), versionId);
      auditDeletion(s, Optional.of(versionId));
    }
  }

  /**
   * The service event for a background deletion, committed in the deletion's transaction:
   * EndSecretVersionDelete (Secrets Manager User Guide, "Logging with CloudTrail"), with the secret
   * and, for a trimmed version, the version in additionalEventData.
   */
  private void auditDeletion(SecretRecord s, Optional<String> versionId) {
    serviceEvent(s, versionId, "EndSecretVersionDelete");
  }

  /** A service event about {@code s} (and one of its versions), in the open transaction. */
  private void serviceEvent(SecretRecord s, Optional<String> versionId, String eventName) {
    var data = AuditEvents.JSON_NODES.objectNode().put("SecretId", s.arn());
    versionId.ifPresent(v -> data.put("VersionId", v));
    audit.record(
        List.of(
            AuditEvents.serviceEvent(
                secrets.clock().instant(),
                s.accountId(),
                s.region(),
                "secretsmanager.amazonaws.com",
                eventName,
                s.arn(),
                data)));
  }

  private static void removeNow(dev.coffer.store.Tx tx, SecretRecord s) {
    if (s.isReplica()) {
      // Take the replica off its primary's list too.
      s.primaryArn()
          .flatMap(p -> tx.secrets().findByArn(p, true))
          .ifPresent(p ->
              tx.secrets()
                  .update(
                      p.toBuilder()
                          .replicas(
                              p.replicas().stream()
                                  .filter(r -> !r.region().equals(s.region()))
                                  .toList())
                          .build()));
    }
    tx.secrets().delete(s.id());
  }

  /**
   * Resolves and locks the secret, taking its primary's row lock first when it is a replica: writes
   * to a primary lock primary then replicas, so every path must lock in that order or two
   * transactions on PostgreSQL could deadlock.
   */
  private static Optional<SecretRecord> lockPrimaryFirst(
      dev.coffer.store.Tx tx, RequestContext ctx, String secretId) {
    Optional<SecretRecord> unlocked = SecretResolver.resolve(tx.secrets(), ctx, secretId, false);
    if (unlocked.isEmpty()) {
      return unlocked;
    }
    unlocked.get().primaryArn().ifPresent(p -> tx.secrets().findByArn(p, true));
    return tx.secrets().findById(unlocked.get().id(), true);
  }

  private static String nameOf(String secretId) {
    return SecretArns.parse(secretId).map(SecretArns.Parsed::resource).orElse(secretId);
  }
}
