package dev.coffer.secrets.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RotationCalendarTest {

  private static RotationCalendar at(String now, String zone) {
    return new RotationCalendar(Clock.fixed(Instant.parse(now), ZoneId.of(zone)));
  }

  @Test
  void isDue_followsInjectedClock() {
    RotationSchedule schedule = RotationSchedule.expression("rate(4 hours)", null);
    Instant last = Instant.parse("2024-03-01T00:15:00Z");

    assertThat(at("2024-03-01T03:59:59Z", "UTC").isDue(schedule, last)).isFalse();
    assertThat(at("2024-03-01T04:00:00Z", "UTC").isDue(schedule, last)).isTrue();
    assertThat(at("2024-03-01T04:59:59Z", "UTC").isDue(schedule, last)).isTrue();
  }

  @Test
  void untilNextWindow_zeroWhenOpen() {
    RotationSchedule schedule = RotationSchedule.expression("cron(0 20 * * ? *)", null);
    Instant last = Instant.parse("2024-03-01T21:00:00Z");

    assertThat(at("2024-03-02T18:30:00Z", "UTC").untilNextWindow(schedule, last))
        .isEqualTo(Duration.ofMinutes(90));
    assertThat(at("2024-03-02T21:00:00Z", "UTC").untilNextWindow(schedule, last))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void clockZone_doesNotMoveWindows() {
    // A clock in a zone with daylight saving must not shift UTC windows (30 March 2025 is the
    // European switch to summer time).
    RotationSchedule schedule = RotationSchedule.expression("cron(0 1 * * ? *)", "1h");
    Instant last = Instant.parse("2025-03-29T01:30:00Z");
    RotationCalendar paris = at("2025-03-30T00:30:00Z", "Europe/Paris");
    RotationCalendar utc = at("2025-03-30T00:30:00Z", "UTC");

    assertThat(paris.nextWindow(schedule, last))
        .isEqualTo(
            new RotationWindow(
                Instant.parse("2025-03-30T01:00:00Z"), Instant.parse("2025-03-30T02:00:00Z")));
    assertThat(paris.nextWindow(schedule, last)).isEqualTo(utc.nextWindow(schedule, last));
    assertThat(paris.nextRotationDate(schedule, last))
        .isEqualTo(Instant.parse("2025-03-30T01:59:59Z"));
  }

  @Test
  void now_isTheClockInstant() {
    assertThat(at("2024-01-01T00:00:00Z", "UTC").now())
        .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
  }
}
