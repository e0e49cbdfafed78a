package dev.coffer.secrets;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How this node runs rotations: its name in leases, how failed rotations are retried and how long a
 * claim on a run holds.
 *
 * <p>Retries: "If any step fails, Secrets Manager retries the entire rotation process several
 * times" (user guide, "How rotation works") without saying how often. Coffer retries a failed
 * rotation {@code maxRetries} times, the same version each time (its AWSPENDING placeholder stays),
 * after {@code firstRetryDelay}, then twice as long each time. After the last retry the rotation
 * waits for the next window of its schedule, which starts a new series of retries.
 *
 * @param nodeId this node's name in leases; unique per running server
 * @param maxRetries retries after the first failed run
 * @param firstRetryDelay the wait before the first retry; it doubles for each further retry
 * @param lease how long a node's claim on a run holds; longer than a run can take (four steps, each
 *     bounded by the function timeout), so that only a node that died loses its claim
 */
public record RotationPolicy(
    String nodeId, int maxRetries, Duration firstRetryDelay, Duration lease) {
  public static final int DEFAULT_MAX_RETRIES = 5;
  public static final Duration DEFAULT_FIRST_RETRY_DELAY = Duration.ofMinutes(1);

  public RotationPolicy {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(firstRetryDelay, "firstRetryDelay");
    Objects.requireNonNull(lease, "lease");
    if (maxRetries < 0 || maxRetries > 30) {
      throw new IllegalArgumentException("maxRetries must be within 0-30");
    }
    if (!firstRetryDelay.isPositive() || !lease.isPositive()) {
      throw new IllegalArgumentException("delays must be positive");
    }
  }

  /** The defaults, for a node with a fresh random id and steps bounded by {@code stepTimeout}. */
  public static RotationPolicy defaults(Duration stepTimeout) {
    return new RotationPolicy(
        "node-" + UUID.randomUUID(),
        DEFAULT_MAX_RETRIES,
        DEFAULT_FIRST_RETRY_DELAY,
        stepTimeout.multipliedBy(4).plus(Duration.ofMinutes(1)));
  }

  /** The wait after the {@code failures}-th failure in a row, or empty when retries are used up. */
  java.util.Optional<Duration> retryDelay(long failures) {
    if (failures < 1 || failures > maxRetries) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(firstRetryDelay.multipliedBy(1L << (failures - 1)));
  }
}
