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
 * step and reason and, while retries are left ({@link RotationPolicy}), when it is tried again; a
 * test run (RotateImmediately=false) removes its AWSPENDING version again, whatever its result.
 */
public final class RotationTracker {
  private static final Logger LOG = Logger.getLogger(RotationTracker.class.getName());
  private static final int MAX_REASON_CHARS = 2048;
  static final String RUNNING = "RUNNING";
  static final String ABANDONED = "ABANDONED";

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

  /**
   * Reports one step's result (a metric and an audit event), with whether the scheduler started the
   * run.
   */
  public void stepFinished(RotationJob job, String step, Optional<String> failure) {
    boolean scheduled =
        secrets
            .store()
            .read(tx ->
                tx.secrets()
                    .findByArn(job.secretArn(), false)
                    .flatMap(s -> tx.rotationRuns().find(s.id()))
                    .filter(r -> r.versionId().equals(job.token()))
                    .map(RotationRunRecord::scheduled)
                    .orElse(false));
    secrets
        .rotationEvents()
        .emit(
            new RotationEvent(
                RotationEvent.STEP,
                job.secretArn(),
                job.token(),
                Optional.of(step),
                failure.isEmpty(),
                scheduled,
                failure.map(RotationTracker::clip),
                secrets.clock().instant()));
  }

  /**
   * Extends this node's lease on the run of {@code job} while it is under way, so that a long
   * rotation is not taken over by another node while this one still runs it.
   *
   * @return false if another node holds the run now (this node's lease ran out and it was claimed
   *     again), in which case this node must stop; true otherwise
   */
  public boolean renewLease(RotationJob job) {
    return secrets
        .store()
        .write(tx -> {
          Optional<SecretRecord> found = tx.secrets().findByArn(job.secretArn(), true);
          if (found.isEmpty()) {
            return true; // nothing to hold; isActive stops the run before its next step
          }
          Optional<RotationRunRecord> run =
              tx.rotationRuns()
                  .find(found.get().id())
                  .filter(r -> r.versionId().equals(job.token()))
                  .filter(r -> r.status().equals(RUNNING));
          if (run.isEmpty()) {
            return true;
          }
          RotationPolicy policy = secrets.rotationPolicy();
          Instant now = secrets.clock().instant();
          RotationRunRecord r = run.get();
          boolean heldByOther =
              r.lease()
                  .filter(l -> !l.owner().equals(policy.nodeId()))
                  .filter(l -> l.until().isAfter(now))
                  .isPresent();
          if (heldByOther) {
            return false;
          }
          tx.rotationRuns()
              .save(
                  r.withLease(
                      Optional.of(
                          new RotationRunRecord.Lease(policy.nodeId(), now.plus(policy.lease())))));
          return true;
        });
  }

  /** Records how {@code job} ended. */
  public void record(RotationJob job, RotationOutcome outcome) {
    Optional<RotationEvent> event =
        secrets
            .store()
            .write(tx -> {
              Optional<SecretRecord> found = tx.secrets().findByArn(job.secretArn(), true);
              if (found.isEmpty()) {
                return Optional.empty();
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
              return finish(tx, s.id(), job, result, now);
            });
    event.ifPresent(secrets.rotationEvents()::emit);
  }

  /**
   * Notes that {@code job} is starting on this node; keeps the failure count of earlier runs of its
   * version and whether a scheduled rotation was missed.
   */
  static RotationRunRecord markRunning(
      Tx tx, SecretsService secrets, long secretId, RotationJob job, boolean scheduled) {
    Instant now = secrets.clock().instant();
    RotationPolicy policy = secrets.rotationPolicy();
    Optional<RotationRunRecord> previous = tx.rotationRuns().find(secretId);
    long failures =
        previous
            .filter(r -> r.versionId().equals(job.token()))
            .map(RotationRunRecord::failures)
            .orElse(0L);
    RotationRunRecord run =
        RotationRunRecord.running(secretId, job.token(), job.mode().name(), now)
            .withFailures(failures)
            .withScheduled(
                scheduled
                    || previous
                        .filter(r -> r.versionId().equals(job.token()))
                        .map(RotationRunRecord::scheduled)
                        .orElse(false))
            .withScheduleMissed(previous.map(RotationRunRecord::scheduleMissed).orElse(false))
            .withLease(
                Optional.of(
                    new RotationRunRecord.Lease(policy.nodeId(), now.plus(policy.lease()))));
    tx.rotationRuns().save(run);
    return run;
  }

  static void markCancelled(Tx tx, long secretId, Instant now) {
    tx.rotationRuns()
        .find(secretId)
        .filter(r -> r.status().equals(RUNNING) || r.nextAttemptAt().isPresent())
        .ifPresent(r ->
            tx.rotationRuns()
                .save(
                    r.finished(
                        RotationOutcome.Status.CANCELLED.name(),
                        Optional.empty(),
                        Optional.empty(),
                        now,
                        Optional.empty())));
  }

  /**
   * "If you create a new version of the secret during rotation, Secrets Manager abandons the
   * rotation" (user guide, CloudTrail events, RotationAbandoned): when PutSecretValue or
   * UpdateSecret adds {@code newVersionId} while AWSPENDING marks another version than AWSCURRENT,
   * AWSPENDING is removed (with its placeholder if that never got a value), the run is recorded as
   * abandoned and will not be retried. A PutSecretValue that fills the pending version itself (the
   * rotation function's createSecret) abandons nothing.
   *
   * @return the secret as saved, and the event to emit after commit
   */
  static Abandoned abandonIfRotating(
      Tx tx, SecretsService secrets, SecretRecord s, String newVersionId) {
    Optional<String> pending = StagingLabels.holder(s.stages(), StagingLabels.PENDING);
    if (pending.isEmpty()
        || pending.get().equals(newVersionId)
        || pending.equals(StagingLabels.holder(s.stages(), StagingLabels.CURRENT))) {
      return new Abandoned(s, Optional.empty());
    }
    Instant now = secrets.clock().instant();
    String token = pending.get();
    SecretRecord saved = detachPending(tx, s, token);
    Optional<RotationRunRecord> run =
        tx.rotationRuns().find(s.id()).filter(r -> r.versionId().equals(token));
    run.ifPresent(r ->
        tx.rotationRuns()
            .save(
                r.finished(ABANDONED, Optional.empty(), Optional.empty(), now, Optional.empty())
                    .withFailures(0)));
    return new Abandoned(
        saved,
        Optional.of(
            new RotationEvent(
                RotationEvent.ABANDONED,
                s.arn(),
                token,
                Optional.empty(),
                false,
                run.map(RotationRunRecord::scheduled).orElse(false),
                Optional.of("a new version " + newVersionId + " was created during rotation"),
                now)));
  }

  /** A secret after {@link #abandonIfRotating}, and the event to emit once committed. */
  record Abandoned(SecretRecord secret, Optional<RotationEvent> event) {}

  private Optional<RotationEvent> finish(
      Tx tx, long secretId, RotationJob job, RotationOutcome outcome, Instant now) {
    Optional<RotationRunRecord> found = tx.rotationRuns().find(secretId);
    if (found.isPresent() && !found.get().versionId().equals(job.token())) {
      return Optional.empty(); // a later rotation of another version owns the record now
    }
    RotationRunRecord run =
        found.orElseGet(
            () -> RotationRunRecord.running(secretId, job.token(), job.mode().name(), now));
    boolean test = job.mode() == RotationJob.Mode.TEST;
    String name;
    RotationRunRecord saved;
    switch (outcome.status()) {
      case SUCCEEDED -> {
        name = test ? RotationEvent.TEST_SUCCEEDED : RotationEvent.SUCCEEDED;
        saved =
            run.finished(
                    outcome.status().name(),
                    Optional.empty(),
                    Optional.empty(),
                    now,
                    Optional.empty())
                .withFailures(0)
                .withScheduleMissed(test && run.scheduleMissed());
      }
      case FAILED -> {
        name = test ? RotationEvent.TEST_FAILED : RotationEvent.FAILED;
        long failures = run.failures() + 1;
        // The reason stays in the store: a function's error text may quote what it was handling.
        LOG.info(() ->
            "rotation of " + job.secretArn() + " failed at " + outcome.failedStep().orElse("?"));
        Optional<Instant> retryAt =
            test ? Optional.empty() : secrets.rotationPolicy().retryDelay(failures).map(now::plus);
        saved =
            run.finished(
                    outcome.status().name(),
                    outcome.failedStep(),
                    outcome.reason().map(RotationTracker::clip),
                    now,
                    retryAt)
                .withFailures(failures)
                .withScheduleMissed(
                    run.scheduleMissed() || (run.scheduled() && !test && retryAt.isEmpty()));
      }
      default -> {
        name = RotationEvent.CANCELLED;
        saved =
            run.finished(
                outcome.status().name(), Optional.empty(), Optional.empty(), now, Optional.empty());
      }
    }
    tx.rotationRuns().save(saved);
    return Optional.of(
        new RotationEvent(
            name,
            job.secretArn(),
            job.token(),
            outcome.failedStep(),
            outcome.status() == RotationOutcome.Status.SUCCEEDED,
            run.scheduled(),
            outcome.reason().map(RotationTracker::clip),
            now));
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
    secrets.replication().propagate(tx, detachPending(tx, s, token));
  }

  /** Removes AWSPENDING from {@code token}, and the version if it is an empty placeholder. */
  private static SecretRecord detachPending(Tx tx, SecretRecord s, String token) {
    SecretRecord saved =
        tx.secrets()
            .update(
                s.toBuilder()
                    .stages(StagingLabels.detach(s.stages(), StagingLabels.PENDING))
                    .build());
    // Read from the store: the value may have been written in this transaction.
    boolean empty =
        tx.secrets()
            .version(s.id(), token)
            .filter(v -> v.valueType() == ValueType.NONE)
            .isPresent();
    if (empty && saved.stagesOf(token).isEmpty()) {
      // The saved record no longer carries the version: it has no label left.
      tx.secrets().deleteVersion(s.id(), token);
    }
    return saved;
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
            .flatMap(s::labelledVersion)
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
