package dev.coffer.secrets;

import dev.coffer.secrets.schedule.RotationSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stored form of a secret's rotation rules: the JSON object DescribeSecret shows as {@code
 * RotationRules}. {@code AutomaticallyAfterDays} is the value "calculated from the rotation
 * schedule" (API reference, RotationRulesType), so {@code rate(10 days)} is stored with both it and
 * the expression; reading prefers the expression.
 *
 * <p>Only this class writes the text, from a validated {@link RotationSchedule}, whose expression
 * and duration characters exclude quotes and backslashes; so no escaping is needed and reading back
 * needs no general JSON parser.
 */
final class RotationRulesJson {
  private static final Pattern MEMBER =
      Pattern.compile(
          "\"(AutomaticallyAfterDays|ScheduleExpression|Duration)\":(?:\"([^\"]*)\"|(\\d+))");

  private RotationRulesJson() {}

  static String write(RotationSchedule schedule) {
    List<String> members = new ArrayList<>();
    schedule
        .reportedAutomaticallyAfterDays()
        .ifPresent(d -> members.add("\"AutomaticallyAfterDays\":" + d));
    schedule
        .scheduleExpression()
        .ifPresent(e -> members.add("\"ScheduleExpression\":\"" + e + "\""));
    schedule.duration().ifPresent(d -> members.add("\"Duration\":\"" + d + "\""));
    return "{" + String.join(",", members) + "}";
  }

  static RotationSchedule read(String json) {
    Long days = null;
    String expression = null;
    String duration = null;
    Matcher m = MEMBER.matcher(json);
    while (m.find()) {
      switch (m.group(1)) {
        case "AutomaticallyAfterDays" -> days = Long.parseLong(m.group(3));
        case "ScheduleExpression" -> expression = m.group(2);
        default -> duration = m.group(2);
      }
    }
    return expression != null
        ? RotationSchedule.expression(expression, duration)
        : RotationSchedule.parse(days, null, duration);
  }
}
