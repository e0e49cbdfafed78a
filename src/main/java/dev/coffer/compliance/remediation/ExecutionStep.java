package dev.coffer.compliance.remediation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a runbook run (AWS Config {@code RemediationExecutionStep}).
 *
 * @param name the step's name in the runbook
 * @param state {@code PENDING}, {@code SUCCEEDED} or {@code FAILED}
 * @param errorMessage why it failed
 * @param startTime when it started
 * @param stopTime when it ended
 */
public record ExecutionStep(
    String name,
    String state,
    Optional<String> errorMessage,
    Optional<Instant> startTime,
    Optional<Instant> stopTime) {
  public static final String PENDING = "PENDING";
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";

  public ExecutionStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(errorMessage, "errorMessage");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(stopTime, "stopTime");
  }

  static ExecutionStep pending(String name) {
    return new ExecutionStep(name, PENDING, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
