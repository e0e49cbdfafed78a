package dev.coffer.rotation;

import dev.coffer.secrets.RotationJob;
import dev.coffer.secrets.RotationOutcome;

/** What a run asks of the secrets domain (implemented by {@code secrets.RotationTracker}). */
public interface RotationCallbacks {

  /** Whether {@code job} should still run its next step. */
  boolean isActive(RotationJob job);

  /** Records how {@code job} ended. */
  void record(RotationJob job, RotationOutcome outcome);
}
