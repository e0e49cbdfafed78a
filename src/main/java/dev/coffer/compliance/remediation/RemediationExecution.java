package dev.coffer.compliance.remediation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest remediation of one resource by one rule (AWS Config {@code
 * RemediationExecutionStatus}), with what Coffer needs to retry it.
 *
 * @param ruleName the rule
 * @param key the resource
 * @param state {@code QUEUED}, {@code IN_PROGRESS}, {@code SUCCEEDED} or {@code FAILED}
 * @param steps the runbook's steps, in order
 * @param invocationTime when the current attempt was asked for
 * @param lastUpdatedTime when the state last changed
 * @param automatic whether it was started by a NON_COMPLIANT result, not by a call
 * @param attempts how many attempts have run (automatic retries count up to the rule's maximum)
 * @param nextAttemptAt when it runs next: queued, a due retry, or the lease of a running attempt
 */
public record RemediationExecution(
    String ruleName,
    ResourceKey key,
    String state,
    List<ExecutionStep> steps,
    Instant invocationTime,
    Instant lastUpdatedTime,
    boolean automatic,
    int attempts,
    Optional<Instant> nextAttemptAt) {
  public static final String QUEUED = "QUEUED";
  public static final String IN_PROGRESS = "IN_PROGRESS";
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";

  public RemediationExecution {
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    steps = List.copyOf(steps);
    Objects.requireNonNull(invocationTime, "invocationTime");
    Objects.requireNonNull(lastUpdatedTime, "lastUpdatedTime");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }

  /** The reason of the failed step, if one failed. */
  public Optional<String> failure() {
    return steps.stream()
        .filter(s -> s.state().equals(ExecutionStep.FAILED))
        .findFirst()
        .flatMap(ExecutionStep::errorMessage);
  }
}
