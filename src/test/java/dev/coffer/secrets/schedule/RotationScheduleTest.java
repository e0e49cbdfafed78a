package dev.coffer.secrets.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RotationScheduleTest {

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  private static RotationWindow window(String start, String end) {
    return new RotationWindow(at(start), at(end));
  }

  private static RotationSchedule expression(String expression, @Nullable String duration) {
    return RotationSchedule.expression(expression, duration);
  }

  @Nested
  class Validation {
    @Test
    void parse_bothDaysAndExpression_rejected() {
      assertThatThrownBy(() -> RotationSchedule.parse(10L, "rate(10 days)", null))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("both AutomaticallyAfterDays and ScheduleExpression");
    }

    @Test
    void parse_neither_rejected() {
      assertThatThrownBy(() -> RotationSchedule.parse(null, null, "3h"))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("must include AutomaticallyAfterDays or ScheduleExpression");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 1001, Long.MAX_VALUE})
    void parse_afterDaysOutOfRange_rejected(long days) {
      assertThatThrownBy(() -> RotationSchedule.afterDays(days))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessage("RotationRules.AutomaticallyAfterDays must be within 1-1000.");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 1000})
    void parse_afterDaysBounds_accepted(long days) {
      assertThat(RotationSchedule.afterDays(days).reportedAutomaticallyAfterDays()).contains(days);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "rate(4 hours)",
          "rate(23 hours)",
          "rate(1 day)",
          "rate(2 days)",
          "rate(999 days)",
          "cron(0 4/12 * * ? *)",
        })
    void parse_validExpressions_accepted(String expression) {
      assertThat(expression(expression, null).scheduleExpression()).contains(expression);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            rate(1 days)    | with the value 1
            rate(2 day)     | with any other value
            rate(1 hour)    | every four hours
            rate(3 hours)   | every four hours
            rate(24 hours)  | from 4 to 23 hours
            rate(0 days)    | from 1 to 999 days
            rate(1000 days) | from 1 to 999 days
            rate(2 weeks)   | hour, hours, day or days
            rate(10days)    | rate(Value Unit)
            rate(ten days)  | rate(Value Unit)
            RATE(10 days)   | use rate(Value Unit) or cron(
            every 10 days   | use rate(Value Unit) or cron(
            rate(10 days);  | 1 to 256
            """)
    void parse_badExpressions_sayWhy(String expression, String why) {
      assertThatThrownBy(() -> expression(expression.strip(), null))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageStartingWith("Invalid ScheduleExpression")
          .hasMessageContaining(why.strip());
    }

    @Test
    void parse_emptyOrLongExpression_rejected() {
      assertThatThrownBy(() -> expression("", null)).isInstanceOf(InvalidParameterException.class);
      assertThatThrownBy(() -> expression("rate(" + "1".repeat(260) + " days)", null))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("1 to 256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0h", "25h", "99h", "3", "h", "100h", "3H", "-1h", "1.5h", " 3h"})
    void parse_badDuration_rejected(String duration) {
      assertThatThrownBy(() -> expression("rate(10 days)", duration))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageStartingWith("Invalid Duration '" + duration + "'");
    }

    @Test
    void parse_durationWithLeadingZero_accepted() {
      assertThat(expression("rate(10 days)", "03h").windowLength()).isEqualTo(Duration.ofHours(3));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            # Rates in hours: no longer than the interval, and not past midnight
            rate(4 hours)         | 4h  | true
            rate(4 hours)         | 5h  | false
            rate(5 hours)         | 4h  | true
            rate(5 hours)         | 5h  | false
            rate(12 hours)        | 12h | true
            rate(12 hours)        | 13h | false
            # Rates in days open at midnight: up to the whole day
            rate(1 day)           | 24h | true
            rate(10 days)         | 1h  | true
            # Cron in days: start hour plus window at most 24
            cron(0 20 * * ? *)    | 4h  | true
            cron(0 20 * * ? *)    | 5h  | false
            cron(0 0 * * ? *)     | 24h | true
            # Cron in hours: within the gap, and the last window ends by midnight
            cron(0 4/12 * * ? *)  | 8h  | true
            cron(0 4/12 * * ? *)  | 9h  | false
            cron(0 0,12 * * ? *)  | 12h | true
            cron(0 0,6,20 * * ? *) | 4h | true
            cron(0 0,6,20 * * ? *) | 5h | false
            """)
    void parse_windowRules(String expression, String duration, boolean accepted) {
      if (accepted) {
        assertThat(expression(expression.strip(), duration.strip()).windowLength())
            .isEqualTo(Duration.ofHours(Long.parseLong(duration.strip().replace("h", ""))));
      } else {
        assertThatThrownBy(() -> expression(expression.strip(), duration.strip()))
            .isInstanceOf(InvalidParameterException.class)
            .hasMessageMatching(
                "Invalid Duration '.*': the window .*(next rotation window|next UTC day).*");
      }
    }

    @Test
    void parse_afterDaysWithDuration_windowFromMidnight() {
      RotationSchedule schedule = RotationSchedule.parse(7L, null, "6h");

      assertThat(schedule.owedWindow(at("2024-01-01T10:00:00Z")))
          .isEqualTo(window("2024-01-08T00:00:00Z", "2024-01-08T06:00:00Z"));
      assertThat(schedule.duration()).contains("6h");
    }

    @Test
    void defaults_perDocumentation() {
      assertThat(expression("rate(4 hours)", null).windowLength()).isEqualTo(Duration.ofHours(1));
      assertThat(expression("rate(3 days)", null).windowLength()).isEqualTo(Duration.ofHours(24));
      assertThat(RotationSchedule.afterDays(3).windowLength()).isEqualTo(Duration.ofHours(24));
      assertThat(expression("cron(0 4/12 * * ? *)", null).windowLength())
          .isEqualTo(Duration.ofHours(1));
      assertThat(expression("cron(0 20 * * ? *)", null).windowLength())
          .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void reportedAutomaticallyAfterDays_onlyForDayCounts() {
      assertThat(RotationSchedule.afterDays(30).reportedAutomaticallyAfterDays()).contains(30L);
      assertThat(expression("rate(10 days)", null).reportedAutomaticallyAfterDays()).contains(10L);
      assertThat(expression("rate(1 day)", null).reportedAutomaticallyAfterDays()).contains(1L);
      assertThat(expression("rate(6 hours)", null).reportedAutomaticallyAfterDays()).isEmpty();
      assertThat(expression("cron(0 0 1 * ? *)", null).reportedAutomaticallyAfterDays()).isEmpty();
    }

    @Test
    void equality_byGivenMembers() {
      assertThat(expression("rate(10 days)", "2h")).isEqualTo(expression("rate(10 days)", "2h"));
      assertThat(expression("rate(10 days)", "2h")).isNotEqualTo(expression("rate(10 days)", null));
      assertThat(RotationSchedule.afterDays(10)).isNotEqualTo(expression("rate(10 days)", null));
    }
  }

  @Nested
  class Windows {
    @Test
    void afterDays_windowIsTheWholeUtcDayNDaysLater() {
      RotationSchedule schedule = RotationSchedule.afterDays(30);
      Instant last = at("2024-01-15T10:30:00Z");

      assertThat(schedule.owedWindow(last))
          .isEqualTo(window("2024-02-14T00:00:00Z", "2024-02-15T00:00:00Z"));
      assertThat(schedule.nextRotationDate(last)).isEqualTo(at("2024-02-14T23:59:59Z"));
    }

    @Test
    void afterDays_leapDayAndYearEnd() {
      assertThat(RotationSchedule.afterDays(1).owedWindow(at("2024-02-28T12:00:00Z")).start())
          .isEqualTo(at("2024-02-29T00:00:00Z"));
      assertThat(RotationSchedule.afterDays(1).owedWindow(at("2023-02-28T12:00:00Z")).start())
          .isEqualTo(at("2023-03-01T00:00:00Z"));
      assertThat(RotationSchedule.afterDays(365).owedWindow(at("2024-01-01T00:00:00Z")).start())
          .isEqualTo(at("2024-12-31T00:00:00Z"));
      assertThat(expression("rate(1 day)", null).owedWindow(at("2024-12-31T23:30:00Z")))
          .isEqualTo(window("2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"));
    }

    @Test
    void afterDays_missedWindow_nextIsTodayWhileOpen() {
      RotationSchedule schedule = RotationSchedule.afterDays(30);
      Instant last = at("2024-01-15T10:30:00Z");
      Instant now = at("2024-02-16T10:00:00Z");

      assertThat(schedule.nextWindow(last, now))
          .isEqualTo(window("2024-02-16T00:00:00Z", "2024-02-17T00:00:00Z"));
      assertThat(schedule.isDue(last, now)).isTrue();
      // NextRotationDate stays on the missed window: "this date may be in the past".
      assertThat(schedule.nextRotationDate(last)).isBefore(now);
    }

    @Test
    void afterDays_missedShortWindow_nextIsTomorrow() {
      RotationSchedule schedule = RotationSchedule.parse(30L, null, "2h");
      Instant last = at("2024-01-15T10:30:00Z");
      Instant now = at("2024-02-16T10:00:00Z");

      assertThat(schedule.nextWindow(last, now))
          .isEqualTo(window("2024-02-17T00:00:00Z", "2024-02-17T02:00:00Z"));
      assertThat(schedule.isDue(last, now)).isFalse();
    }

    @Test
    void afterDays_beforeAndInsideWindow() {
      RotationSchedule schedule = RotationSchedule.afterDays(2);
      Instant last = at("2024-03-01T08:00:00Z");

      assertThat(schedule.isDue(last, at("2024-03-02T23:59:59Z"))).isFalse();
      assertThat(schedule.isDue(last, at("2024-03-03T00:00:00Z"))).isTrue();
      assertThat(schedule.isDue(last, at("2024-03-03T23:59:59Z"))).isTrue();
      assertThat(schedule.nextWindow(last, at("2024-03-02T12:00:00Z")))
          .isEqualTo(schedule.owedWindow(last));
    }

    @Test
    void rateHours_windowsFromMidnight() {
      RotationSchedule schedule = expression("rate(4 hours)", null);

      assertThat(schedule.owedWindow(at("2024-03-01T04:20:00Z")))
          .isEqualTo(window("2024-03-01T08:00:00Z", "2024-03-01T09:00:00Z"));
      assertThat(schedule.owedWindow(at("2024-03-01T22:30:00Z")))
          .isEqualTo(window("2024-03-02T00:00:00Z", "2024-03-02T01:00:00Z"));
      assertThat(schedule.owedWindow(at("2024-03-01T08:00:00Z")).start())
          .isEqualTo(at("2024-03-01T12:00:00Z"));
      assertThat(schedule.nextRotationDate(at("2024-03-01T04:20:00Z")))
          .isEqualTo(at("2024-03-01T08:59:59Z"));
    }

    @Test
    void rateHours_restartAtMidnight() {
      RotationSchedule schedule = expression("rate(7 hours)", null);

      assertThat(schedule.owedWindow(at("2024-03-01T14:30:00Z")).start())
          .isEqualTo(at("2024-03-01T21:00:00Z"));
      assertThat(schedule.owedWindow(at("2024-03-01T21:30:00Z")).start())
          .isEqualTo(at("2024-03-02T00:00:00Z"));
    }

    @Test
    void rateHours_missed_nextOpenOrUpcomingSlot() {
      RotationSchedule schedule = expression("rate(6 hours)", "2h");
      Instant last = at("2024-03-01T00:30:00Z");

      assertThat(schedule.nextWindow(last, at("2024-03-02T13:00:00Z")))
          .isEqualTo(window("2024-03-02T12:00:00Z", "2024-03-02T14:00:00Z"));
      assertThat(schedule.nextWindow(last, at("2024-03-02T14:00:00Z")))
          .isEqualTo(window("2024-03-02T18:00:00Z", "2024-03-02T20:00:00Z"));
    }

    @Test
    void cronDaily_windowToEndOfDay() {
      RotationSchedule schedule = expression("cron(0 16 L * ? *)", null);

      assertThat(schedule.owedWindow(at("2024-01-31T18:00:00Z")))
          .isEqualTo(window("2024-02-29T16:00:00Z", "2024-03-01T00:00:00Z"));
      assertThat(schedule.nextRotationDate(at("2024-01-31T18:00:00Z")))
          .isEqualTo(at("2024-02-29T23:59:59Z"));
    }

    @Test
    void cronHourly_oneHourWindows() {
      RotationSchedule schedule = expression("cron(0 4/12 * * ? *)", null);

      assertThat(schedule.owedWindow(at("2024-03-10T04:10:00Z")))
          .isEqualTo(window("2024-03-10T16:00:00Z", "2024-03-10T17:00:00Z"));
    }

    @Test
    void cron_missed_firstWindowNotYetClosed() {
      RotationSchedule schedule = expression("cron(0 1 ? 1/3 SUN#1 *)", "3h");
      Instant last = at("2023-10-01T02:00:00Z");

      assertThat(schedule.owedWindow(last))
          .isEqualTo(window("2024-01-07T01:00:00Z", "2024-01-07T04:00:00Z"));
      assertThat(schedule.nextWindow(last, at("2024-01-07T03:00:00Z")))
          .isEqualTo(window("2024-01-07T01:00:00Z", "2024-01-07T04:00:00Z"));
      assertThat(schedule.nextWindow(last, at("2024-01-07T04:00:00Z")))
          .isEqualTo(window("2024-04-07T01:00:00Z", "2024-04-07T04:00:00Z"));
    }
  }
}
