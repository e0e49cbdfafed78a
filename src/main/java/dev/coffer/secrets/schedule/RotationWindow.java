package dev.coffer.secrets.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A rotation window: "Secrets Manager rotates your secret at any time during the rotation window"
 * (user guide, Rotation schedules). Half-open: the window contains {@code start} but not {@code
 * end}.
 *
 * @param start when the window opens, always on a whole UTC hour
 * @param end when the window closes, after {@code start}
 */
public record RotationWindow(Instant start, Instant end) {

  public RotationWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a rotation window must end after it starts");
    }
  }

  /** Whether {@code instant} falls inside the window. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** Whether the window has closed by {@code instant}. */
  public boolean hasEndedBy(Instant instant) {
    return !instant.isBefore(end);
  }

  public Duration length() {
    return Duration.between(start, end);
  }
}
