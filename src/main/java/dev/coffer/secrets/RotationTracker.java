package dev.coffer.secrets;

import dev.coffer.secrets.schedule.RotationSchedule;
import dev.coffer.store.RotationRunRecord;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.Tx;
import dev.coffer.store.ValueType;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What a rotation run reports back to the domain: whether it should go on, and how it ended. A
 * successful rotation sets LastRotatedDate and the next NextRotationDate; a failed one leaves the
 * AWSPENDING version in place ("When rotation is unsuccessful, the AWSPENDING staging label might
 * be attached to an empty secret version", API reference, RotateSecret) and is recorded with its
 * step and reason, so that it can be retried; a test run (RotateImmediately=false) removes its
 * AWSPENDING version again, whatever its result.
 */
public final class RotationTracker {
  private static final Logger LOG = Logger.getLogger(RotationTracker.class.getName());
  private static final int MAX_REASON_CHARS = 2048;

  private final SecretsService secrets;

  public RotationTracker(SecretsService secrets) {
    this.secrets = secrets;
  }

  /**
   * Whether {@code job} should run its next step: the secret still exists, is not scheduled for
   * deletion, has rotation turned on (CancelRotateSecret turns it off, on any node) and still has
   * AWSPENDING on the job's version.
   */
  public boolean isActive(RotationJob job) {
    return secrets
        .store()
        .read(tx -> tx.secrets().findByArn(job.secretArn(), false))
        .filter(s -> !s.scheduledForDeletion())
        .filter(s -> s.rotationEnabled().orElse(false))
        .filter(s ->
            StagingLabels.holder(s.stages(), StagingLabels.PENDING)
                .equals(Optional.of(job.token())))
        .isPresent();
  }

  /** Records how {@code job} ended. */
  public void record(RotationJob job, RotationOutcome outcome) {
    secrets
        .store()
        .execute(tx -> {
          Optional<SecretRecord> found = tx.secrets().findByArn(job.secretArn(), true);
          if (found.isEmpty()) {
            return;
          }
          SecretRecord s = found.get();
          Instant now = secrets.clock().instant();
          RotationOutcome result = outcome;
          if (job.mode() == RotationJob.Mode.TEST) {
            removePlaceholder(tx, s, job.token());
          } else if (result.status() == RotationOutcome.Status.SUCCEEDED) {
            if (StagingLabels.holder(s.stages(), StagingLabels.CURRENT)
                .equals(Optional.of(job.token()))) {
              SecretRecord saved =
                  tx.secrets()
                      .update(
                          s.toBuilder()
                              .lastRotatedAt(now)
                              .nextRotationAt(
                                  s.rotationRules()
                                      .map(RotationRulesJson::read)
                                      .map(sc -> nextRotationDate(sc, now, now)))
                              .build());
              secrets.replication().propagate(tx, saved);
            } else {
              result =
                  RotationOutcome.failed(
                      "finishSecret",
                      "the rotation function finished without moving AWSCURRENT to version "
                          + job.token());
            }
          }
          finish(tx, s.id(), job, result, now);
        });
  }

  /** Notes that {@code job} is starting; keeps the failure count of earlier runs of its version. */
  static void markRunning(Tx tx, long secretId, RotationJob job, Instant now) {
    long failures =
        tx.rotationRuns()
            .find(secretId)
            .filter(r -> r.versionId().equals(job.token()))
            .map(RotationRunRecord::failures)
            .orElse(0L);
    tx.rotationRuns()
        .save(
            new RotationRunRecord(
                secretId,
                job.token(),
                job.mode().name(),
                "RUNNING",
                Optional.empty(),
                Optional.empty(),
                now,
                Optional.empty(),
                failures));
  }

  static void markCancelled(Tx tx, long secretId, Instant now) {
    tx.rotationRuns()
        .find(secretId)
        .filter(r -> r.status().equals("RUNNING"))
        .ifPresent(r ->
            tx.rotationRuns()
                .save(
                    new RotationRunRecord(
                        secretId,
                        r.versionId(),
                        r.kind(),
                        RotationOutcome.Status.CANCELLED.name(),
                        Optional.empty(),
                        Optional.empty(),
                        r.startedAt(),
                        Optional.of(now),
                        r.failures())));
  }

  private static void finish(
      Tx tx, long secretId, RotationJob job, RotationOutcome outcome, Instant now) {
    Optional<RotationRunRecord> run = tx.rotationRuns().find(secretId);
    if (run.isPresent() && !run.get().versionId().equals(job.token())) {
      return; // a later rotation of another version owns the record now
    }
    long failures = run.map(RotationRunRecord::failures).orElse(0L);
    boolean failed = outcome.status() == RotationOutcome.Status.FAILED;
    if (failed) {
      // The reason stays in the store: a function's error text may quote what it was handling.
      LOG.info(() ->
          "rotation of " + job.secretArn() + " failed at " + outcome.failedStep().orElse("?"));
    }
    tx.rotationRuns()
        .save(
            new RotationRunRecord(
                secretId,
                job.token(),
                job.mode().name(),
                outcome.status().name(),
                outcome.failedStep(),
                outcome.reason().map(RotationTracker::clip),
                run.map(RotationRunRecord::startedAt).orElse(now),
                Optional.of(now),
                failed ? failures + 1 : 0));
  }

  /**
   * "This test creates an AWSPENDING version of the secret and then removes it" (API reference,
   * RotateSecret.RotateImmediately): the label goes, and the version too while it has no value and
   * no other label.
   */
  private void removePlaceholder(Tx tx, SecretRecord s, String token) {
    if (!StagingLabels.holder(s.stages(), StagingLabels.PENDING).equals(Optional.of(token))) {
      return;
    }
    SecretRecord saved =
        tx.secrets()
            .update(
                s.toBuilder()
                    .stages(StagingLabels.detach(s.stages(), StagingLabels.PENDING))
                    .build());
    boolean empty = saved.version(token).filter(v -> v.valueType() == ValueType.NONE).isPresent();
    if (empty && saved.stagesOf(token).isEmpty()) {
      tx.secrets().deleteVersion(s.id(), token);
      saved =
          saved.toBuilder()
              .versions(
                  saved.versions().stream().filter(v -> !v.versionId().equals(token)).toList())
              .build();
    }
    secrets.replication().propagate(tx, saved);
  }

  /**
   * When the secret last changed value: its last rotation, or the creation of its current version
   * if that is later ("Manually updating the secret value by calling PutSecretValue or UpdateSecret
   * is considered a valid rotation", RotationRulesType.AutomaticallyAfterDays), or the secret's
   * creation.
   */
  static Instant lastRotation(SecretRecord s) {
    Instant last = s.lastRotatedAt().orElse(s.createdAt());
    Optional<Instant> current =
        StagingLabels.holder(s.stages(), StagingLabels.CURRENT)
            .flatMap(s::version)
            .map(v -> v.createdAt());
    return current.filter(c -> c.isAfter(last)).orElse(last);
  }

  /**
   * The NextRotationDate to report: the last second of the next window that has not closed, so that
   * a freshly configured schedule never reports a date in the past.
   */
  static Instant nextRotationDate(RotationSchedule schedule, Instant lastRotation, Instant now) {
    return schedule.nextWindow(lastRotation, now).end().minusSeconds(1);
  }

  private static String clip(String reason) {
    return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS);
  }
}
