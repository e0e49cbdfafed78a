package dev.coffer.secrets.schedule;

import dev.coffer.core.error.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rotation {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)} expression as Secrets
 * Manager restricts it (user guide, Rotation schedules, "Cron expressions"): Minutes must be {@code
 * 0} "because Secrets Manager rotation windows open on the hour", Year must be {@code *} "because
 * Secrets Manager does not support rotation schedules that are more than a year apart", and one of
 * Day-of-month and Day-of-week must be {@code ?}. All times are UTC.
 *
 * <p>Decisions where the documentation is silent:
 *
 * <ul>
 *   <li>An expression selecting several hours a day is a schedule "in hours"; its hours must be at
 *       least four apart ("You can rotate a secret as often as every four hours"). Only the gaps
 *       within a day are checked: the schedule restarts every day.
 *   <li>An expression must fire in every calendar year (so {@code cron(0 0 29 2 ? *)} and {@code
 *       cron(0 0 30 2 ? *)} are rejected), following the "not more than a year apart" rule.
 *   <li>Names (JAN-DEC, SUN-SAT) are accepted in any letter case; ranges must not wrap around.
 * </ul>
 */
public final class CronExpression implements Cadence {

  /** All calendars repeat within these 28 years: every weekday and leap-year start occurs. */
  private static final int FIRST_CHECKED_YEAR = 2001;

  private static final int CHECKED_YEARS = 28;

  private final String text;
  private final BitSet hours;
  private final BitSet months;
  private final DayRule days;

  private CronExpression(String text, BitSet hours, BitSet months, DayRule days) {
    this.text = text;
    this.hours = hours;
    this.months = months;
    this.days = days;
  }

  /**
   * Parses {@code cron(…)}.
   *
   * @throws InvalidParameterException saying which field is wrong and why
   */
  public static CronExpression parse(String expression) {
    Objects.requireNonNull(expression, "expression");
    if (!expression.startsWith("cron(") || !expression.endsWith(")")) {
      throw new InvalidParameterException(
          "Invalid ScheduleExpression: a cron expression has the form cron(Minutes Hours"
              + " Day-of-month Month Day-of-week Year).");
    }
    String inner = expression.substring(5, expression.length() - 1).trim();
    String[] fields = inner.isEmpty() ? new String[0] : inner.split(" +");
    if (fields.length != 6) {
      throw new InvalidParameterException(
          "Invalid ScheduleExpression: a cron expression needs 6 fields (Minutes Hours"
              + " Day-of-month Month Day-of-week Year), not "
              + fields.length
              + ".");
    }
    if (!fields[0].equals("0")) {
      throw new InvalidParameterException(
          "Invalid ScheduleExpression: the Minutes field must be 0, because rotation windows"
              + " open on the hour.");
    }
    if (!fields[5].equals("*")) {
      throw new InvalidParameterException(
          "Invalid ScheduleExpression: the Year field must be '*'.");
    }
    BitSet hours = CronFields.parse(fields[1], CronFields.HOURS);
    BitSet months = CronFields.parse(fields[3], CronFields.MONTH);
    DayRule days = DayRule.parse(fields[2], fields[4]);
    CronExpression cron = new CronExpression(expression, hours, months, days);
    cron.checkFrequency();
    cron.checkFiresEveryYear();
    return cron;
  }

  private void checkFrequency() {
    int gap = shortestHourGap();
    if (gap < 4) {
      throw new InvalidParameterException(
          "Invalid ScheduleExpression: the hours of "
              + text
              + " are "
              + gap
              + " hours apart; you can rotate a secret at most every four hours.");
    }
  }

  private void checkFiresEveryYear() {
    for (int year = FIRST_CHECKED_YEAR; year < FIRST_CHECKED_YEAR + CHECKED_YEARS; year++) {
      if (!firesIn(year)) {
        throw new InvalidParameterException(
            "Invalid ScheduleExpression: "
                + text
                + " doesn't rotate the secret every year (for example not in "
                + year
                + "); rotations can't be more than a year apart.");
      }
    }
  }

  private boolean firesIn(int year) {
    for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
      if (matchesDay(day)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesDay(LocalDate day) {
    return months.get(day.getMonthValue()) && days.matches(day);
  }

  /** The first time the expression fires strictly after {@code instant}. */
  public Instant nextMatchAfter(Instant instant) {
    LocalDateTime candidate =
        LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(1);
    LocalDate day = candidate.toLocalDate();
    int fromHour = candidate.getHour();
    // Every calendar year has a matching day (checked on parsing), so two years always suffice.
    for (int i = 0; i < 2 * 366 + 1; i++) {
      if (matchesDay(day)) {
        int hour = hours.nextSetBit(fromHour);
        if (hour >= 0) {
          return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
        }
      }
      day = day.plusDays(1);
      fromHour = 0;
    }
    throw new IllegalStateException("no match within two years for " + text);
  }

  /** Whether the expression fires more than once a day: a schedule "in hours". */
  public boolean inHours() {
    return hours.cardinality() > 1;
  }

  /** The hours of the day (UTC) at which windows open, ascending. */
  public List<Integer> hours() {
    List<Integer> list = new ArrayList<>();
    hours.stream().forEach(list::add);
    return List.copyOf(list);
  }

  /** The expression as given. */
  public String text() {
    return text;
  }

  private int shortestHourGap() {
    int gap = 24;
    int previous = -1;
    for (int hour = hours.nextSetBit(0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
      if (previous >= 0) {
        gap = Math.min(gap, hour - previous);
      }
      previous = hour;
    }
    return gap;
  }

  @Override
  public Instant owedStart(Instant lastRotation) {
    return nextMatchAfter(lastRotation);
  }

  @Override
  public Instant gridStartAfter(Instant instant) {
    return nextMatchAfter(instant);
  }

  @Override
  public Duration defaultWindow() {
    return inHours() ? Duration.ofHours(1) : Duration.ofHours(24L - hours.nextSetBit(0));
  }

  @Override
  public String windowProblem(Duration window) {
    long length = window.toHours();
    int lastHour = hours.length() - 1;
    if (inHours() && length > shortestHourGap()) {
      return "the window would run into the next rotation window, which opens "
          + shortestHourGap()
          + " hours later";
    }
    if (lastHour + length > 24) {
      return "the window that opens at " + lastHour + ":00 would run into the next UTC day";
    }
    return "";
  }

  @Override
  public long dayCount() {
    return 0;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CronExpression that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
