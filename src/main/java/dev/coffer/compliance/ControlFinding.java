package dev.coffer.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Security Hub control finding for one secret, before rendering as ASFF.
 *
 * @param control the control
 * @param secret the secret evaluated
 * @param status PASSED, FAILED or NOT_AVAILABLE (from COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE)
 * @param reason why, when the rule says
 * @param parameters the control parameters in force, by name
 * @param observedAt when it was evaluated
 */
public record ControlFinding(
    SecurityControl control,
    SecretState secret,
    String status,
    Optional<String> reason,
    Map<String, List<String>> parameters,
    Instant observedAt) {
  public ControlFinding {
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    parameters = Map.copyOf(parameters);
    Objects.requireNonNull(observedAt, "observedAt");
  }

  /** Security Hub archives the finding when Config returns NOT_APPLICABLE. */
  public boolean archived() {
    return status.equals("NOT_AVAILABLE");
  }
}
