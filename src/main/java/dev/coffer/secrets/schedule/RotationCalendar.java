package dev.coffer.secrets.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Answers a rotation scheduler's questions against an injected {@link Clock}, so that the scheduler
 * and its tests share one notion of "now". Every answer is in UTC, whatever the clock's zone:
 * "Secrets Manager rotation schedules use UTC time zone" (user guide, Rotation schedules).
 */
public final class RotationCalendar {

  private final Clock clock;

  public RotationCalendar(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The current instant of the clock. */
  public Instant now() {
    return clock.instant();
  }

  /** The window in which the next rotation should happen; see {@link RotationSchedule}. */
  public RotationWindow nextWindow(RotationSchedule schedule, Instant lastRotation) {
    return schedule.nextWindow(lastRotation, now());
  }

  /** Whether the secret should be rotated now. */
  public boolean isDue(RotationSchedule schedule, Instant lastRotation) {
    return schedule.isDue(lastRotation, now());
  }

  /** How long until the next window opens; zero when it is open now. */
  public Duration untilNextWindow(RotationSchedule schedule, Instant lastRotation) {
    Instant now = now();
    Duration wait = Duration.between(now, schedule.nextWindow(lastRotation, now).start());
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /**
   * The NextRotationDate to report for a secret last rotated (or created) at {@code lastRotation}.
   */
  public Instant nextRotationDate(RotationSchedule schedule, Instant lastRotation) {
    return schedule.nextRotationDate(lastRotation);
  }
}
