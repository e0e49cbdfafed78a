package dev.coffer.secrets.schedule;

import dev.coffer.core.error.InvalidParameterException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses the plain parts of a cron field: comma lists of values, ranges {@code a-b} and increments
 * {@code a/n}, {@code a-b/n}, {@code *}{@code /n} (user guide, Rotation schedules, "Wildcards").
 * The day wildcards {@code ? L W #} are handled by {@link DayRule}.
 */
final class CronFields {

  static final List<String> MONTH_NAMES =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

  /** Day-of-week names; cron numbers them 1 (SUN) to 7 (SAT). */
  static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /** One field's name, bounds and value names. */
  record Spec(String name, int min, int max, List<String> names) {
    Optional<Integer> value(String token) {
      if (!token.isEmpty() && token.chars().allMatch(Character::isDigit) && token.length() <= 4) {
        int value = Integer.parseInt(token);
        return value >= min && value <= max ? Optional.of(value) : Optional.empty();
      }
      int index = names.indexOf(token.toUpperCase(Locale.ROOT));
      return index < 0 ? Optional.empty() : Optional.of(min + index);
    }
  }

  static final Spec HOURS = new Spec("Hours", 0, 23, List.of());
  static final Spec DAY_OF_MONTH = new Spec("Day-of-month", 1, 31, List.of());
  static final Spec MONTH = new Spec("Month", 1, 12, MONTH_NAMES);
  static final Spec DAY_OF_WEEK = new Spec("Day-of-week", 1, 7, DAY_NAMES);

  private CronFields() {}

  /**
   * The set of values a field selects.
   *
   * @throws InvalidParameterException naming the field and the part that is wrong
   */
  static BitSet parse(String field, Spec spec) {
    BitSet selected = new BitSet(spec.max() + 1);
    for (String item : field.split(",", -1)) {
      parseItem(item, spec, selected);
    }
    return selected;
  }

  private static void parseItem(String item, Spec spec, BitSet selected) {
    String range = item;
    int step = 1;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      range = item.substring(0, slash);
      step = parseStep(item.substring(slash + 1), item, spec);
    }
    int from;
    int to;
    if (range.equals("*")) {
      from = spec.min();
      to = spec.max();
    } else if (range.contains("-")) {
      String[] bounds = range.split("-", -1);
      if (bounds.length != 2) {
        throw bad(spec, item, "a range needs exactly one '-'");
      }
      from = value(bounds[0], item, spec);
      to = value(bounds[1], item, spec);
      if (from > to) {
        throw bad(spec, item, "a range must go from the lower to the higher value");
      }
    } else {
      from = value(range, item, spec);
      // "a/n" means from a to the end of the field in steps of n.
      to = slash >= 0 ? spec.max() : from;
    }
    for (int v = from; v <= to; v += step) {
      selected.set(v);
    }
  }

  private static int parseStep(String token, String item, Spec spec) {
    if (token.isEmpty() || token.length() > 4 || !token.chars().allMatch(Character::isDigit)) {
      throw bad(spec, item, "the increment after '/' must be a positive whole number");
    }
    int step = Integer.parseInt(token);
    if (step < 1) {
      throw bad(spec, item, "the increment after '/' must be a positive whole number");
    }
    return step;
  }

  private static int value(String token, String item, Spec spec) {
    return spec.value(token)
        .orElseThrow(() ->
            bad(
                spec,
                item,
                "'"
                    + token
                    + "' is not a value from "
                    + spec.min()
                    + " to "
                    + spec.max()
                    + (spec.names().isEmpty()
                        ? ""
                        : " or " + spec.names().get(0) + "-" + spec.names().getLast())));
  }

  /** A syntax error in one field, worded for the caller. */
  static InvalidParameterException bad(Spec spec, String item, String why) {
    return new InvalidParameterException(
        "Invalid ScheduleExpression: the "
            + spec.name()
            + " field '"
            + item
            + "' is invalid: "
            + why
            + ".");
  }
}
