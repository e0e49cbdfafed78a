package dev.coffer.secrets.schedule;

import dev.coffer.core.error.InvalidParameterException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.Locale;

/**
 * Which days of a month a cron expression selects, from its Day-of-month and Day-of-week fields, of
 * which exactly one must be {@code ?} (user guide, Rotation schedules: Day-of-month takes {@code ,
 * - * ? / L}, Day-of-week {@code # , - * ? / L}). {@code W} (nearest weekday) is accepted too, with
 * its usual cron meaning, because the brief for this service lists it.
 *
 * <p>Meanings, as in AWS cron expressions: Day-of-week numbers run from 1 (SUN) to 7 (SAT); {@code
 * L} alone is the last day of the month, or in Day-of-week the last day of the week (SAT); {@code
 * 5L} is the last Thursday of the month; {@code 3#2} or {@code TUE#2} is the second Tuesday; {@code
 * 15W} is the weekday nearest the 15th within the same month and {@code LW} the last weekday.
 */
sealed interface DayRule {

  boolean matches(LocalDate date);

  /** Parses the two day fields. */
  static DayRule parse(String dayOfMonth, String dayOfWeek) {
    boolean noMonthDay = dayOfMonth.equals("?");
    boolean noWeekDay = dayOfWeek.equals("?");
    if (noMonthDay == noWeekDay) {
      throw new InvalidParameterException(
          "Invalid ScheduleExpression: exactly one of the Day-of-month and Day-of-week fields must"
              + " be '?'.");
    }
    return noWeekDay ? parseDayOfMonth(dayOfMonth) : parseDayOfWeek(dayOfWeek);
  }

  private static DayRule parseDayOfMonth(String field) {
    String upper = field.toUpperCase(Locale.ROOT);
    if (upper.equals("L")) {
      return new LastDayOfMonth();
    }
    if (upper.equals("LW")) {
      return new LastWeekdayOfMonth();
    }
    if (upper.endsWith("W")) {
      String day = upper.substring(0, upper.length() - 1);
      return new NearestWeekday(
          CronFields.DAY_OF_MONTH
              .value(day)
              .orElseThrow(() ->
                  CronFields.bad(
                      CronFields.DAY_OF_MONTH, field, "'W' follows a single day from 1 to 31")));
    }
    if (upper.contains("L") || upper.contains("W")) {
      throw CronFields.bad(
          CronFields.DAY_OF_MONTH, field, "'L' and 'W' can't be combined with other values");
    }
    return new DaysOfMonth(CronFields.parse(field, CronFields.DAY_OF_MONTH));
  }

  private static DayRule parseDayOfWeek(String field) {
    String upper = field.toUpperCase(Locale.ROOT);
    int hash = upper.indexOf('#');
    if (hash >= 0) {
      int day = weekDay(upper.substring(0, hash), field);
      String nth = upper.substring(hash + 1);
      if (!nth.matches("[1-5]")) {
        throw CronFields.bad(
            CronFields.DAY_OF_WEEK, field, "the number after '#' must be from 1 to 5");
      }
      return new NthWeekdayOfMonth(day, Integer.parseInt(nth));
    }
    if (upper.equals("L")) {
      BitSet saturday = new BitSet(8);
      saturday.set(7);
      return new DaysOfWeek(saturday);
    }
    if (upper.endsWith("L")) {
      return new LastWeekdayOfKind(weekDay(upper.substring(0, upper.length() - 1), field));
    }
    return new DaysOfWeek(CronFields.parse(field, CronFields.DAY_OF_WEEK));
  }

  private static int weekDay(String token, String field) {
    return CronFields.DAY_OF_WEEK
        .value(token)
        .orElseThrow(() ->
            CronFields.bad(
                CronFields.DAY_OF_WEEK,
                field,
                "'#' and 'L' follow a single day from 1 to 7 or SUN-SAT"));
  }

  /** Cron numbering of a weekday: 1 = Sunday … 7 = Saturday. */
  static int cronDayOfWeek(LocalDate date) {
    return date.getDayOfWeek().getValue() % 7 + 1;
  }

  /** Day-of-month values, lists, ranges and increments. */
  record DaysOfMonth(BitSet days) implements DayRule {
    public DaysOfMonth {
      days = (BitSet) days.clone();
    }

    @Override
    public boolean matches(LocalDate date) {
      return days.get(date.getDayOfMonth());
    }
  }

  /** {@code L} in Day-of-month. */
  record LastDayOfMonth() implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      return date.getDayOfMonth() == date.lengthOfMonth();
    }
  }

  /** {@code LW}: the last Monday-to-Friday day of the month. */
  record LastWeekdayOfMonth() implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      LocalDate last = date.withDayOfMonth(date.lengthOfMonth());
      while (last.getDayOfWeek() == DayOfWeek.SATURDAY || last.getDayOfWeek() == DayOfWeek.SUNDAY) {
        last = last.minusDays(1);
      }
      return date.equals(last);
    }
  }

  /** {@code nW}: the weekday nearest day n, without leaving the month; no match if n is absent. */
  record NearestWeekday(int day) implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      if (day > date.lengthOfMonth()) {
        return false;
      }
      LocalDate target = date.withDayOfMonth(day);
      if (target.getDayOfWeek() == DayOfWeek.SATURDAY) {
        target = day == 1 ? target.plusDays(2) : target.minusDays(1);
      } else if (target.getDayOfWeek() == DayOfWeek.SUNDAY) {
        target = day == date.lengthOfMonth() ? target.minusDays(2) : target.plusDays(1);
      }
      return date.equals(target);
    }
  }

  /** Day-of-week values, lists, ranges and increments (1 = SUN … 7 = SAT). */
  record DaysOfWeek(BitSet days) implements DayRule {
    public DaysOfWeek {
      days = (BitSet) days.clone();
    }

    @Override
    public boolean matches(LocalDate date) {
      return days.get(cronDayOfWeek(date));
    }
  }

  /** {@code nL}: the last such weekday of the month. */
  record LastWeekdayOfKind(int dayOfWeek) implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      return cronDayOfWeek(date) == dayOfWeek && date.getDayOfMonth() + 7 > date.lengthOfMonth();
    }
  }

  /** {@code n#k}: the k-th such weekday of the month. */
  record NthWeekdayOfMonth(int dayOfWeek, int nth) implements DayRule {
    @Override
    public boolean matches(LocalDate date) {
      return cronDayOfWeek(date) == dayOfWeek && (date.getDayOfMonth() - 1) / 7 + 1 == nth;
    }
  }
}
