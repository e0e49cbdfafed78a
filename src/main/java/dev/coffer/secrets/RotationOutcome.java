package dev.coffer.secrets;

import java.util.Objects;
import java.util.Optional;

/**
 * How a rotation run ended.
 *
 * @param status the end state
 * @param failedStep for {@link Status#FAILED}, the step that failed
 * @param reason for {@link Status#FAILED}, what the function or the transport said
 */
public record RotationOutcome(Status status, Optional<String> failedStep, Optional<String> reason) {

  /** The end states of a run. */
  public enum Status {
    SUCCEEDED,
    FAILED,
    CANCELLED
  }

  public RotationOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(failedStep, "failedStep");
    Objects.requireNonNull(reason, "reason");
  }

  public static RotationOutcome succeeded() {
    return new RotationOutcome(Status.SUCCEEDED, Optional.empty(), Optional.empty());
  }

  public static RotationOutcome failed(String step, String reason) {
    return new RotationOutcome(Status.FAILED, Optional.of(step), Optional.of(reason));
  }

  public static RotationOutcome cancelled() {
    return new RotationOutcome(Status.CANCELLED, Optional.empty(), Optional.empty());
  }
}
