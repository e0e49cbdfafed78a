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
 * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code CANCELLED}
 * @param failedStep for a failed run, the step that failed
 * @param message for a failed run, what went wrong
 * @param startedAt when the run was started
 * @param finishedAt when it ended; empty while it runs
 * @param failures how many runs in a row have failed, this one included
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
    long failures) {

  public RotationRunRecord {
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(failedStep, "failedStep");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }
}
