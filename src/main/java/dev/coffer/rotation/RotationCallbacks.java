package dev.coffer.rotation;

import dev.coffer.secrets.RotationJob;
import dev.coffer.secrets.RotationOutcome;

/** What a run asks of the secrets domain (implemented by {@code secrets.RotationTracker}). */
public interface RotationCallbacks {

  /** Whether {@code job} should still run its next step. */
  boolean isActive(RotationJob job);

  /** Reports the result of one step: empty on success, else what went wrong. */
  default void stepFinished(RotationJob job, String step, java.util.Optional<String> failure) {}

  /**
   * Extends this node's lease on the run of {@code job}; false if another node holds it now, in
   * which case the run stops without recording anything.
   */
  default boolean renewLease(RotationJob job) {
    return true;
  }

  /** Records how {@code job} ended. */
  void record(RotationJob job, RotationOutcome outcome);
}
