package dev.coffer.protocol.sts;

import dev.coffer.core.error.ValidationException;
import dev.coffer.protocol.query.QueryInput;
import java.util.Optional;

/** STS input constraints (STS API Reference, request parameters). */
final class StsInputs {
  /** The shortest session STS grants: 15 minutes. */
  static final int MIN_DURATION = 900;

  private StsInputs() {}

  /** {@code DurationSeconds}: at least 900, at most {@code max}; {@code dflt} when absent. */
  static int duration(QueryInput in, int dflt, int max) {
    Optional<String> v = in.optional("DurationSeconds");
    if (v.isEmpty()) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.get().trim());
    } catch (NumberFormatException e) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + v.get()
              + "' at 'durationSeconds' failed to satisfy constraint: Member must be a number");
    }
    if (n < MIN_DURATION) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + n
              + "' at 'durationSeconds' failed to satisfy constraint: Member must have value"
              + " greater than or equal to "
              + MIN_DURATION);
    }
    if (n > max) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + n
              + "' at 'durationSeconds' failed to satisfy constraint: Member must have value"
              + " less than or equal to "
              + max);
    }
    return n;
  }
}
