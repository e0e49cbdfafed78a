package dev.coffer.secrets;

import dev.coffer.secrets.schedule.RotationSchedule;
import dev.coffer.secrets.schedule.RotationWindow;
import dev.coffer.store.RotationRunRecord;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The domain side of scheduled rotation: which secrets are due, and claiming one for this node.
 *
 * <p>A claim runs in one transaction that first locks the secret's row (SELECT … FOR UPDATE on
 * PostgreSQL; SQLite has a single writer), then reads the secret's rotation run and its lease.
 * Claims of one secret therefore happen one after the other, on every node, and each one sees what
 * the previous one committed: a run that another node holds under a lease still in force, or a
 * rotation that has already succeeded in this window, is not claimed again. The claim records the
 * run as RUNNING with this node's lease, so a node that dies mid-run loses its claim when the lease
 * expires and another node resumes the rotation (the same version: its AWSPENDING placeholder is
 * still there, and rotation functions are written to be re-run).
 *
 * <p>What is due: a secret whose rotation is on, with a schedule whose next window is open (see
 * {@link RotationSchedule}, counted from the last rotation or manual change); a failed rotation
 * whose retry time has come; a rotation left RUNNING under an expired lease. While a rotation is
 * incomplete (AWSPENDING on another version than AWSCURRENT) the scheduler never starts a new one:
 * it re-attempts that one ("A previous rotation isn't complete. That rotation will be
 * reattempted.").
 */
public final class ScheduledRotations {
  /** A window opens at most this long before its NextRotationDate (a day, plus slack). */
  private static final Duration HORIZON = Duration.ofHours(25);

  private static final int BATCH = 500;

  private final SecretsService secrets;

  public ScheduledRotations(SecretsService secrets) {
    this.secrets = secrets;
  }

  /** ARNs of the secrets that may be due now; {@link #claim} decides. */
  public List<String> candidates() {
    Instant now = secrets.clock().instant();
    return secrets
        .store()
        .read(tx -> tx.rotationRuns().schedulerCandidates(now, now.plus(HORIZON), BATCH));
  }

  /**
   * Claims the rotation of {@code secretArn} for this node if it is due and nobody else runs it.
   * The caller launches the job it returns (after this method's transaction has committed).
   */
  public Optional<RotationJob> claim(String secretArn) {
    Optional<RotationJob> job = secrets.store().write(tx -> claimIn(tx, secretArn));
    job.ifPresent(j ->
        secrets
            .rotationEvents()
            .emit(
                RotationEvent.of(
                    SecretRotation.startedEvent(j), j, true, secrets.clock().instant())));
    return job;
  }

  private Optional<RotationJob> claimIn(Tx tx, String secretArn) {
    Optional<SecretRecord> found =
        tx.secrets()
            .findByArn(secretArn, true)
            .filter(s -> !s.scheduledForDeletion() && !s.isReplica())
            .filter(s -> s.rotationEnabled().orElse(false));
    if (found.isEmpty() || found.get().rotationLambdaArn().filter(a -> !a.isEmpty()).isEmpty()) {
      return Optional.empty();
    }
    SecretRecord s = found.get();
    String function = s.rotationLambdaArn().orElseThrow();
    Instant now = secrets.clock().instant();
    Optional<RotationRunRecord> run = tx.rotationRuns().find(s.id());
    if (run.isPresent() && !run.get().claimableAt(now)) {
      return Optional.empty(); // another node (or this one) is running it under a valid lease
    }
    Optional<RotationSchedule> schedule = s.rotationRules().map(RotationRulesJson::read);
    Optional<RotationWindow> window =
        schedule.map(sc -> sc.nextWindow(RotationTracker.lastRotation(s), now));
    boolean windowOpen = window.map(w -> w.contains(now)).orElse(false);
    Optional<String> pending = StagingLabels.holder(s.stages(), StagingLabels.PENDING);
    boolean incomplete =
        pending.isPresent()
            && !pending.equals(StagingLabels.holder(s.stages(), StagingLabels.CURRENT));
    if (incomplete) {
      Optional<RotationRunRecord> same = run.filter(r -> r.versionId().equals(pending.get()));
      if (!resumes(same, window, windowOpen, now)) {
        return Optional.empty();
      }
      RotationJob.Mode mode =
          same.map(r -> RotationJob.Mode.valueOf(r.kind())).orElse(RotationJob.Mode.ROTATE);
      RotationJob job = new RotationJob(s.arn(), function, pending.get(), mode);
      RotationRunRecord running = RotationTracker.markRunning(tx, secrets, s.id(), job, true);
      if (same.map(r -> r.nextAttemptAt().isEmpty() && r.status().equals("FAILED")).orElse(false)) {
        // Retries were used up; a new window starts a new series of them.
        tx.rotationRuns().save(running.withFailures(0));
      }
      return Optional.of(job);
    }
    if (!windowOpen) {
      return Optional.empty();
    }
    String token = SecretsService.newVersionId();
    SecretRecord saved = SecretRotation.withPlaceholder(tx, s, token, now);
    secrets.replication().propagate(tx, tx.secrets().update(saved));
    RotationJob job = new RotationJob(s.arn(), function, token, RotationJob.Mode.ROTATE);
    RotationTracker.markRunning(tx, secrets, s.id(), job, true);
    return Optional.of(job);
  }

  /** Whether an incomplete rotation, whose latest run is {@code run}, is to be tried now. */
  private static boolean resumes(
      Optional<RotationRunRecord> run,
      Optional<RotationWindow> window,
      boolean windowOpen,
      Instant now) {
    if (run.isEmpty()) {
      return windowOpen; // no record of it (made before this node's records): due with the window
    }
    RotationRunRecord r = run.get();
    return switch (r.status()) {
      case RotationTracker.RUNNING -> true; // its lease has expired: its node is gone
      case "FAILED" -> {
        if (r.nextAttemptAt().isPresent()) {
          yield !r.nextAttemptAt().get().isAfter(now);
        }
        // Retries used up: wait for a window that opened after the last attempt.
        yield windowOpen
            && window
                .map(w -> r.finishedAt().orElse(r.startedAt()).isBefore(w.start()))
                .orElse(false);
      }
      // Cancelled and re-enabled, or abandoned without removing AWSPENDING: due with the window.
      default -> windowOpen;
    };
  }
}
