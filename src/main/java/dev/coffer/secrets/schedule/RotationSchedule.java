package dev.coffer.secrets.schedule;

import dev.coffer.core.error.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A validated {@code RotationRules} value (API reference, RotationRulesType) and the rotation
 * windows it defines, in UTC.
 *
 * <p>Which window is next: the window owed after the last rotation ({@link #owedWindow}) is the
 * first one that opens after it; for a count of days it opens at midnight that many days after the
 * day of the last rotation. When the owed window has closed without a rotation (a failed rotation,
 * a server that was down), the next chance is the first window of the same schedule that has not
 * yet closed ({@link #nextWindow}); for a count of days that is today's or tomorrow's. The date AWS
 * reports as {@code NextRotationDate}, "the latest date that rotation will occur", is the last
 * second of the owed window and may lie in the past after a failure, as the DescribeSecret
 * documentation says.
 */
public final class RotationSchedule {

  /** RotationRulesType.AutomaticallyAfterDays range. */
  static final long MIN_AFTER_DAYS = 1;

  static final long MAX_AFTER_DAYS = 1000;

  /** ScheduleExpressionType: 1..256 characters of this pattern. */
  private static final Pattern EXPRESSION_CHARS =
      Pattern.compile("[0-9A-Za-z\\(\\)#\\?\\*\\-\\/, ]+");

  private static final int MAX_EXPRESSION_LENGTH = 256;

  /** DurationType pattern; its length is limited to 2..3 characters. */
  private static final Pattern DURATION = Pattern.compile("([0-9]+)h");

  private static final Pattern RATE = Pattern.compile("rate\\( *([0-9]+) +([a-z]+) *\\)");

  private final Cadence cadence;
  private final Duration windowLength;
  private final Optional<Long> automaticallyAfterDays;
  private final Optional<String> scheduleExpression;
  private final Optional<String> duration;

  private RotationSchedule(
      Cadence cadence,
      Duration windowLength,
      Optional<Long> automaticallyAfterDays,
      Optional<String> scheduleExpression,
      Optional<String> duration) {
    this.cadence = cadence;
    this.windowLength = windowLength;
    this.automaticallyAfterDays = automaticallyAfterDays;
    this.scheduleExpression = scheduleExpression;
    this.duration = duration;
  }

  /**
   * Validates the members of a {@code RotationRules} structure; pass {@code null} for an absent
   * member.
   *
   * @throws InvalidParameterException when the rules are incomplete, contradictory or out of range,
   *     with a message that says which member is wrong and why
   */
  public static RotationSchedule parse(
      @Nullable Long automaticallyAfterDays,
      @Nullable String scheduleExpression,
      @Nullable String duration) {
    if (automaticallyAfterDays != null && scheduleExpression != null) {
      // RotationRulesType.AutomaticallyAfterDays: "… with AutomaticallyAfterDays or
      // ScheduleExpression, but not both."
      throw new InvalidParameterException(
          "You can't specify both AutomaticallyAfterDays and ScheduleExpression in"
              + " RotationRules.");
    }
    Cadence cadence;
    if (automaticallyAfterDays != null) {
      if (automaticallyAfterDays < MIN_AFTER_DAYS || automaticallyAfterDays > MAX_AFTER_DAYS) {
        throw new InvalidParameterException(
            "RotationRules.AutomaticallyAfterDays must be within 1-1000.");
      }
      cadence = new Cadence.DayInterval(automaticallyAfterDays);
    } else if (scheduleExpression != null) {
      cadence = parseExpression(scheduleExpression);
    } else {
      throw new InvalidParameterException(
          "RotationRules must include AutomaticallyAfterDays or ScheduleExpression.");
    }
    Duration window = cadence.defaultWindow();
    if (duration != null) {
      window = parseDuration(duration);
      String problem = cadence.windowProblem(window);
      if (!problem.isEmpty()) {
        throw new InvalidParameterException(
            "Invalid Duration '" + duration + "': " + problem + ".");
      }
    }
    return new RotationSchedule(
        cadence,
        window,
        Optional.ofNullable(automaticallyAfterDays),
        Optional.ofNullable(scheduleExpression),
        Optional.ofNullable(duration));
  }

  /** Rules of the form {@code {"AutomaticallyAfterDays": days}}. */
  public static RotationSchedule afterDays(long days) {
    return parse(days, null, null);
  }

  /** Rules of the form {@code {"ScheduleExpression": expression}}, with an optional Duration. */
  public static RotationSchedule expression(String expression, @Nullable String duration) {
    return parse(null, Objects.requireNonNull(expression, "expression"), duration);
  }

  private static Cadence parseExpression(String expression) {
    if (expression.isEmpty()
        || expression.length() > MAX_EXPRESSION_LENGTH
        || !EXPRESSION_CHARS.matcher(expression).matches()) {
      throw new InvalidParameterException(
          "Invalid ScheduleExpression: use 1 to 256 letters, digits, spaces and ( ) # ? * - / ,"
              + " characters.");
    }
    if (expression.startsWith("rate(")) {
      return parseRate(expression);
    }
    if (expression.startsWith("cron(")) {
      return CronExpression.parse(expression);
    }
    throw new InvalidParameterException(
        "Invalid ScheduleExpression: use rate(Value Unit) or cron(Minutes Hours Day-of-month"
            + " Month Day-of-week Year).");
  }

  /**
   * {@code rate(Value Unit)}, unit {@code hour}, {@code hours}, {@code day} or {@code days} (user
   * guide, Rotation schedules, "Rate expressions"); the singular only with 1, the plural otherwise;
   * at most every four hours; at most 999 days ("The maximum rotation period is 999 days").
   * Decision: a rate in hours must be below 24, because such windows restart every UTC midnight;
   * longer periods are written in days.
   */
  private static Cadence parseRate(String expression) {
    Matcher rate = RATE.matcher(expression);
    if (!rate.matches()) {
      throw new InvalidParameterException(
          "Invalid ScheduleExpression: a rate expression has the form rate(Value Unit), for example"
              + " rate(10 days).");
    }
    String digits = rate.group(1);
    String unit = rate.group(2);
    long value = digits.length() > 6 ? Long.MAX_VALUE : Long.parseLong(digits);
    boolean hours = unit.equals("hour") || unit.equals("hours");
    boolean days = unit.equals("day") || unit.equals("days");
    if (!hours && !days) {
      throw new InvalidParameterException(
          "Invalid ScheduleExpression: the unit of a rate must be hour, hours, day or days.");
    }
    boolean singular = unit.equals("hour") || unit.equals("day");
    if (value != 1 && singular || value == 1 && !singular) {
      throw new InvalidParameterException(
          "Invalid ScheduleExpression: use '"
              + (hours ? "hour" : "day")
              + "' with the value 1 and '"
              + (hours ? "hours" : "days")
              + "' with any other value.");
    }
    if (hours) {
      if (value < 4) {
        throw new InvalidParameterException(
            "Invalid ScheduleExpression: you can rotate a secret at most every four hours.");
      }
      if (value > 23) {
        throw new InvalidParameterException(
            "Invalid ScheduleExpression: a rate in hours must be from 4 to 23 hours; use days for"
                + " longer periods.");
      }
      return new Cadence.HourRate((int) value);
    }
    if (value < 1 || value > 999) {
      throw new InvalidParameterException(
          "Invalid ScheduleExpression: a rate in days must be from 1 to 999 days.");
    }
    return new Cadence.DayInterval(value);
  }

  /** DurationType: "[0-9]+h", 2..3 characters; a window is 1 to 24 hours long. */
  private static Duration parseDuration(String text) {
    Matcher matcher = DURATION.matcher(text);
    if (text.length() < 2 || text.length() > 3 || !matcher.matches()) {
      throw new InvalidParameterException(
          "Invalid Duration '"
              + text
              + "': give the window length as a whole number of hours followed by h, for example"
              + " 3h.");
    }
    int hours = Integer.parseInt(matcher.group(1));
    if (hours < 1 || hours > 24) {
      throw new InvalidParameterException(
          "Invalid Duration '" + text + "': a rotation window is from 1 to 24 hours long.");
    }
    return Duration.ofHours(hours);
  }

  /**
   * The window owed after a rotation at {@code lastRotation} (or at creation, if never rotated).
   */
  public RotationWindow owedWindow(Instant lastRotation) {
    Instant start = cadence.owedStart(Objects.requireNonNull(lastRotation, "lastRotation"));
    return new RotationWindow(start, start.plus(windowLength));
  }

  /**
   * The window in which the next rotation should happen, seen at {@code now}: the owed window if it
   * has not closed yet (it may be open already), else the first window of the schedule that has not
   * closed.
   */
  public RotationWindow nextWindow(Instant lastRotation, Instant now) {
    RotationWindow owed = owedWindow(lastRotation);
    if (!owed.hasEndedBy(now)) {
      return owed;
    }
    Instant start = cadence.gridStartAfter(now.minus(windowLength));
    return new RotationWindow(start, start.plus(windowLength));
  }

  /** Whether a rotation is due at {@code now}: the next window is open. */
  public boolean isDue(Instant lastRotation, Instant now) {
    return nextWindow(lastRotation, now).contains(now);
  }

  /**
   * The {@code NextRotationDate} to report: "The next rotation is scheduled to occur on or before
   * this date" (DescribeSecret). The last whole second of the owed window.
   */
  public Instant nextRotationDate(Instant lastRotation) {
    return owedWindow(lastRotation).end().minusSeconds(1);
  }

  /** The length of every window: the given Duration, or the documented default. */
  public Duration windowLength() {
    return windowLength;
  }

  /**
   * The {@code AutomaticallyAfterDays} to report in DescribeSecret and ListSecrets, where "this
   * value is calculated from the rotation schedule": the day count for AutomaticallyAfterDays and
   * {@code rate(N days)}; empty for schedules in hours and cron expressions, which have none.
   */
  public Optional<Long> reportedAutomaticallyAfterDays() {
    long days = cadence.dayCount();
    return days > 0 ? Optional.of(days) : Optional.empty();
  }

  /** AutomaticallyAfterDays as given. */
  public Optional<Long> automaticallyAfterDays() {
    return automaticallyAfterDays;
  }

  /** ScheduleExpression as given. */
  public Optional<String> scheduleExpression() {
    return scheduleExpression;
  }

  /** Duration as given. */
  public Optional<String> duration() {
    return duration;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RotationSchedule that
        && automaticallyAfterDays.equals(that.automaticallyAfterDays)
        && scheduleExpression.equals(that.scheduleExpression)
        && duration.equals(that.duration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(automaticallyAfterDays, scheduleExpression, duration);
  }

  @Override
  public String toString() {
    return "RotationSchedule{automaticallyAfterDays="
        + automaticallyAfterDays.map(String::valueOf).orElse("-")
        + ", scheduleExpression="
        + scheduleExpression.orElse("-")
        + ", duration="
        + duration.orElse("-")
        + "}";
  }
}
