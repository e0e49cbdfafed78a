package dev.coffer.rotation;

import dev.coffer.secrets.RotationJob;
import dev.coffer.secrets.RotationOutcome;

/** What a run asks of the secrets domain (implemented by {@code secrets.RotationTracker}). */
public interface RotationCallbacks {

  /** Whether {@code job} should still run its next step. */
  boolean isActive(RotationJob job);

  /** Reports the result of one step: empty on success, else what went wrong. */
  default void stepFinished(RotationJob job, String step, java.util.Optional<String> failure) {}

  /** Records how {@code job} ended. */
  void record(RotationJob job, RotationOutcome outcome);
}
