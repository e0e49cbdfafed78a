package dev.coffer.compliance;

import dev.coffer.core.error.CofferException;
import dev.coffer.secrets.schedule.RotationSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interval between rotations that a secret's RotationRules give: the day count, the hours of a
 * {@code rate(N hours)}, or for a cron expression the longest gap between consecutive windows over
 * a year [inferred]. Computed through the rotation scheduler's own schedule model, so the rule and
 * the scheduler agree on what a schedule means.
 */
final class RotationInterval {
  private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration HORIZON = Duration.ofDays(366);
  private static final int MAX_STEPS = 3000;
  private static final ConcurrentHashMap<SecretState.RotationRules, Optional<Duration>> CACHE =
      new ConcurrentHashMap<>();

  private RotationInterval() {}

  static Optional<Duration> of(SecretState.RotationRules rules) {
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    return CACHE.computeIfAbsent(rules, RotationInterval::compute);
  }

  private static Optional<Duration> compute(SecretState.RotationRules rules) {
    if (rules.automaticallyAfterDays().isPresent() && rules.scheduleExpression().isEmpty()) {
      return Optional.of(Duration.ofDays(rules.automaticallyAfterDays().get()));
    }
    RotationSchedule schedule;
    try {
      schedule =
          RotationSchedule.expression(
              rules.scheduleExpression().orElseThrow(), rules.duration().orElse(null));
    } catch (CofferException e) {
      return Optional.empty();
    }
    Instant at = ORIGIN;
    Duration longest = Duration.ZERO;
    for (int i = 0; i < MAX_STEPS && at.isBefore(ORIGIN.plus(HORIZON)); i++) {
      Instant next = schedule.owedWindow(at).start();
      Duration gap = Duration.between(at, next);
      if (i > 0 && gap.compareTo(longest) > 0) {
        longest = gap;
      }
      at = next;
    }
    return longest.isZero() ? Optional.empty() : Optional.of(longest);
  }
}
