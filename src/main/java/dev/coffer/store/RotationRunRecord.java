package dev.coffer.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest rotation run of a secret.
 *
 * @param secretId the secret's row id
 * @param versionId the version the run creates (the rotation's ClientRequestToken)
 * @param kind {@code ROTATE} (all four steps) or {@code TEST} (testSecret only)
 * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED} or {@code
 *     ABANDONED}
 * @param failedStep for a failed run, the step that failed
 * @param message for a failed run, what went wrong
 * @param startedAt when the run was started
 * @param finishedAt when it ended; empty while it runs
 * @param failures how many runs in a row have failed, this one included
 * @param scheduled whether the rotation scheduler started the rotation (not RotateSecret)
 * @param nextAttemptAt for a failed run that will be retried, when
 * @param lease which node runs it, and until when that claim holds
 * @param scheduleMissed whether a scheduled rotation did not succeed since the last success
 */
public record RotationRunRecord(
    long secretId,
    String versionId,
    String kind,
    String status,
    Optional<String> failedStep,
    Optional<String> message,
    Instant startedAt,
    Optional<Instant> finishedAt,
    long failures,
    boolean scheduled,
    Optional<Instant> nextAttemptAt,
    Optional<Lease> lease,
    boolean scheduleMissed) {

  /** A node's claim on a running rotation; another node may take it over once it has expired. */
  public record Lease(String owner, Instant until) {
    public Lease {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(until, "until");
    }
  }

  public RotationRunRecord {
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(failedStep, "failedStep");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lease, "lease");
  }

  /** A run of {@code versionId} that starts now, with nothing carried over. */
  public static RotationRunRecord running(
      long secretId, String versionId, String kind, Instant now) {
    return new RotationRunRecord(
        secretId,
        versionId,
        kind,
        "RUNNING",
        Optional.empty(),
        Optional.empty(),
        now,
        Optional.empty(),
        0,
        false,
        Optional.empty(),
        Optional.empty(),
        false);
  }

  public RotationRunRecord withFailures(long count) {
    Draft d = new Draft(this);
    d.failures = count;
    return d.build();
  }

  public RotationRunRecord withScheduled(boolean value) {
    Draft d = new Draft(this);
    d.scheduled = value;
    return d.build();
  }

  public RotationRunRecord withLease(Optional<Lease> value) {
    Draft d = new Draft(this);
    d.lease = value;
    return d.build();
  }

  public RotationRunRecord withScheduleMissed(boolean value) {
    Draft d = new Draft(this);
    d.scheduleMissed = value;
    return d.build();
  }

  /** The run ended: no lease, no retry unless {@code retryAt} says when. */
  public RotationRunRecord finished(
      String endStatus,
      Optional<String> step,
      Optional<String> reason,
      Instant at,
      Optional<Instant> retryAt) {
    Draft d = new Draft(this);
    d.status = endStatus;
    d.failedStep = step;
    d.message = reason;
    d.finishedAt = Optional.of(at);
    d.nextAttemptAt = retryAt;
    d.lease = Optional.empty();
    return d.build();
  }

  /**
   * A mutable copy of a record, so that each wither names only what it changes and a new component
   * is added in one place; {@link #build()} goes through the validating constructor.
   */
  private static final class Draft {
    private final long secretId;
    private final String versionId;
    private final String kind;
    private String status;
    private Optional<String> failedStep;
    private Optional<String> message;
    private final Instant startedAt;
    private Optional<Instant> finishedAt;
    private long failures;
    private boolean scheduled;
    private Optional<Instant> nextAttemptAt;
    private Optional<Lease> lease;
    private boolean scheduleMissed;

    Draft(RotationRunRecord r) {
      secretId = r.secretId;
      versionId = r.versionId;
      kind = r.kind;
      status = r.status;
      failedStep = r.failedStep;
      message = r.message;
      startedAt = r.startedAt;
      finishedAt = r.finishedAt;
      failures = r.failures;
      scheduled = r.scheduled;
      nextAttemptAt = r.nextAttemptAt;
      lease = r.lease;
      scheduleMissed = r.scheduleMissed;
    }

    RotationRunRecord build() {
      return new RotationRunRecord(
          secretId,
          versionId,
          kind,
          status,
          failedStep,
          message,
          startedAt,
          finishedAt,
          failures,
          scheduled,
          nextAttemptAt,
          lease,
          scheduleMissed);
    }
  }

  /** Whether another node may start this run: it is not running under a lease still in force. */
  public boolean claimableAt(Instant now) {
    return !status.equals("RUNNING") || lease.map(l -> !l.until().isAfter(now)).orElse(true);
  }
}
