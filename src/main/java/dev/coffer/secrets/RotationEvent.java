package dev.coffer.secrets;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a rotation. The names of outcomes are the event names CloudTrail shows
 * for rotation (user guide, "Log Secrets Manager events with CloudTrail": RotationStarted,
 * RotationSucceeded, RotationFailed, RotationAbandoned, TestRotationStarted, TestRotationSucceeded,
 * TestRotationFailed); steps are reported as {@code RotationStep}. Events carry names and ids,
 * never a secret value; {@code reason} is the function's error text, which the audit work must
 * treat as untrusted.
 *
 * @param name the event name
 * @param secretArn the secret
 * @param versionId the version the rotation makes (its ClientRequestToken)
 * @param step for {@code RotationStep} and failures, the step
 * @param succeeded for {@code RotationStep}, whether the step succeeded
 * @param scheduled whether the scheduler started the rotation
 * @param reason for failures, what went wrong
 * @param at when it happened
 */
public record RotationEvent(
    String name,
    String secretArn,
    String versionId,
    Optional<String> step,
    boolean succeeded,
    boolean scheduled,
    Optional<String> reason,
    Instant at) {

  public static final String STARTED = "RotationStarted";
  public static final String SUCCEEDED = "RotationSucceeded";
  public static final String FAILED = "RotationFailed";
  public static final String ABANDONED = "RotationAbandoned";
  public static final String CANCELLED = "RotationCancelled";
  public static final String TEST_STARTED = "TestRotationStarted";
  public static final String TEST_SUCCEEDED = "TestRotationSucceeded";
  public static final String TEST_FAILED = "TestRotationFailed";
  public static final String STEP = "RotationStep";

  public RotationEvent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secretArn, "secretArn");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }

  static RotationEvent of(String name, RotationJob job, boolean scheduled, Instant at) {
    return new RotationEvent(
        name,
        job.secretArn(),
        job.token(),
        Optional.empty(),
        true,
        scheduled,
        Optional.empty(),
        at);
  }
}
