package dev.coffer.secrets.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * When rotation windows open. Three shapes exist: a number of days after the previous rotation
 * ({@code AutomaticallyAfterDays} and {@code rate(N days)}), a number of hours on a grid that
 * restarts at every UTC midnight ({@code rate(N hours)}), and a cron expression.
 */
sealed interface Cadence permits Cadence.DayInterval, Cadence.HourRate, CronExpression {

  /** The start of the window owed after a rotation at {@code lastRotation}. */
  Instant owedStart(Instant lastRotation);

  /**
   * The start of the first window of the recurring grid that opens strictly after {@code instant};
   * used once an owed window has been missed.
   */
  Instant gridStartAfter(Instant instant);

  /**
   * The window length when no {@code Duration} is given: "for a ScheduleExpression in hours, the
   * window automatically closes after one hour. For a ScheduleExpression in days, the window
   * automatically closes at the end of the UTC day" (RotationRulesType.Duration).
   */
  Duration defaultWindow();

  /**
   * Rejects a window that would "extend into the next rotation window or the next UTC day"
   * (RotationRulesType.Duration).
   *
   * @return a description of the breach, or an empty string when the window fits
   */
  String windowProblem(Duration window);

  /** Whole days between windows when the schedule is a day count, else 0. */
  long dayCount();

  private static Instant midnight(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private static LocalDate utcDay(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /**
   * {@code AutomaticallyAfterDays} or {@code rate(N days)}: "Secrets Manager calculates the next
   * rotation date based on the previous rotation" (RotationRulesType.AutomaticallyAfterDays), and
   * the window "starts at midnight" (RotationRulesType.ScheduleExpression). So the window opens at
   * 00:00 UTC on the day that lies {@code days} days after the UTC day of the last rotation.
   */
  record DayInterval(long days) implements Cadence {
    public DayInterval {
      if (days < 1) {
        throw new IllegalArgumentException("days must be positive");
      }
    }

    @Override
    public Instant owedStart(Instant lastRotation) {
      return midnight(utcDay(lastRotation).plusDays(days));
    }

    @Override
    public Instant gridStartAfter(Instant instant) {
      // Once overdue, every day's window is a valid one: the interval has already elapsed.
      return midnight(utcDay(instant).plusDays(1));
    }

    @Override
    public Duration defaultWindow() {
      return Duration.ofHours(24);
    }

    @Override
    public String windowProblem(Duration window) {
      return window.compareTo(Duration.ofHours(24)) > 0
          ? "a window that opens at midnight can't be longer than 24 hours"
          : "";
    }

    @Override
    public long dayCount() {
      return days;
    }
  }

  /**
   * {@code rate(N hours)}: "If you use a rate() expression, the rotation window starts at midnight"
   * (RotationRulesType.ScheduleExpression). Decision: like cron increments of hours, which the user
   * guide says reset each day ("cron(0 4/12 * * ? *) means 4:00 AM, 4:00 PM, and then the next day
   * 4:00 AM"), the grid restarts at every UTC midnight, so windows open at 00:00, N:00, 2N:00 … of
   * every day. When N does not divide 24 the last window of a day is followed sooner than N hours
   * later by the next midnight's; the window rules still keep windows apart.
   */
  record HourRate(int hours) implements Cadence {
    public HourRate {
      if (hours < 1 || hours > 23) {
        throw new IllegalArgumentException("hours must be within 1-23");
      }
    }

    @Override
    public Instant owedStart(Instant lastRotation) {
      return gridStartAfter(lastRotation);
    }

    @Override
    public Instant gridStartAfter(Instant instant) {
      LocalDate day = utcDay(instant);
      for (int hour = 0; hour < 24; hour += hours) {
        Instant start = midnight(day).plusSeconds(hour * 3600L);
        if (start.isAfter(instant)) {
          return start;
        }
      }
      return midnight(day.plusDays(1));
    }

    @Override
    public Duration defaultWindow() {
      return Duration.ofHours(1);
    }

    @Override
    public String windowProblem(Duration window) {
      long lastStartHour = (23 / hours) * (long) hours;
      if (window.toHours() > hours) {
        return "the window would run into the next rotation window, which opens "
            + hours
            + " hours later";
      }
      if (lastStartHour + window.toHours() > 24) {
        return "the window that opens at " + lastStartHour + ":00 would run into the next UTC day";
      }
      return "";
    }

    @Override
    public long dayCount() {
      return 0;
    }
  }
}
