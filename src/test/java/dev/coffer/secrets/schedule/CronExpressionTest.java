package dev.coffer.secrets.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.InvalidParameterException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {

  private static Instant next(String expression, String after) {
    return CronExpression.parse(expression).nextMatchAfter(Instant.parse(after));
  }

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # User guide examples
          cron(0 4/12 * * ? *)      | 2024-03-10T05:00:00Z | 2024-03-10T16:00:00Z
          cron(0 4/12 * * ? *)      | 2024-03-10T16:30:00Z | 2024-03-11T04:00:00Z
          cron(0 1 ? 1/3 SUN#1 *)   | 2024-01-01T00:00:00Z | 2024-01-07T01:00:00Z
          cron(0 1 ? 1/3 SUN#1 *)   | 2024-01-07T01:00:00Z | 2024-04-07T01:00:00Z
          # Strictly after: a match at the instant itself is not returned
          cron(0 10 * * ? *)        | 2024-05-05T10:00:00Z | 2024-05-06T10:00:00Z
          cron(0 10 * * ? *)        | 2024-05-05T09:59:59Z | 2024-05-05T10:00:00Z
          # L: last day of the month, leap and common years
          cron(0 16 L * ? *)        | 2024-02-01T00:00:00Z | 2024-02-29T16:00:00Z
          cron(0 16 L * ? *)        | 2023-02-01T00:00:00Z | 2023-02-28T16:00:00Z
          cron(0 16 L * ? *)        | 2024-04-30T16:00:00Z | 2024-05-31T16:00:00Z
          cron(0 16 L * ? *)        | 2100-02-01T00:00:00Z | 2100-02-28T16:00:00Z
          cron(0 16 L * ? *)        | 2000-02-01T00:00:00Z | 2000-02-29T16:00:00Z
          # Day-of-week L forms: nL is the last such weekday, L alone is Saturday
          cron(0 0 ? * 6L *)        | 2024-05-01T00:00:00Z | 2024-05-31T00:00:00Z
          cron(0 0 ? * FRIL *)      | 2024-06-01T00:00:00Z | 2024-06-28T00:00:00Z
          cron(0 0 ? * L *)         | 2024-06-03T00:00:00Z | 2024-06-08T00:00:00Z
          # #: n-th weekday, including a fifth one
          cron(0 9 ? * MON#2 *)     | 2024-06-01T00:00:00Z | 2024-06-10T09:00:00Z
          cron(0 9 ? * 2#5 *)       | 2024-06-01T00:00:00Z | 2024-07-29T09:00:00Z
          cron(0 9 ? * 2#5 *)       | 2024-02-01T00:00:00Z | 2024-04-29T09:00:00Z
          # W: nearest weekday within the month
          cron(0 0 15W * ? *)       | 2024-06-01T00:00:00Z | 2024-06-14T00:00:00Z
          cron(0 0 15W * ? *)       | 2024-09-01T00:00:00Z | 2024-09-16T00:00:00Z
          cron(0 0 1W * ? *)        | 2024-05-31T12:00:00Z | 2024-06-03T00:00:00Z
          cron(0 0 31W * ? *)       | 2024-03-01T00:00:00Z | 2024-03-29T00:00:00Z
          cron(0 0 31W * ? *)       | 2024-03-30T00:00:00Z | 2024-05-31T00:00:00Z
          cron(0 0 LW * ? *)        | 2024-06-01T00:00:00Z | 2024-06-28T00:00:00Z
          cron(0 0 LW * ? *)        | 2024-08-01T00:00:00Z | 2024-08-30T00:00:00Z
          # Names, ranges, lists, steps
          cron(0 8 ? * MON-FRI *)   | 2024-06-01T00:00:00Z | 2024-06-03T08:00:00Z
          cron(0 0 1 JAN,jul ? *)   | 2024-02-01T00:00:00Z | 2024-07-01T00:00:00Z
          cron(0 8 1/7 * ? *)       | 2024-02-23T00:00:00Z | 2024-02-29T08:00:00Z
          cron(0 8 1/7 * ? *)       | 2023-02-23T00:00:00Z | 2023-03-01T08:00:00Z
          cron(0 2,14 10-12 * ? *)  | 2024-06-12T14:00:00Z | 2024-07-10T02:00:00Z
          cron(0 0/6 ? * 1 *)       | 2024-06-02T19:00:00Z | 2024-06-09T00:00:00Z
          # Year and month ends
          cron(0 23 31 12 ? *)      | 2024-12-31T23:00:00Z | 2025-12-31T23:00:00Z
          cron(0 0 31 * ? *)        | 2024-01-31T00:00:00Z | 2024-03-31T00:00:00Z
          """)
  void nextMatchAfter_examples(String expression, String after, String expected) {
    assertThat(next(expression.strip(), after.strip())).isEqualTo(Instant.parse(expected.strip()));
  }

  @Test
  void hours_andInHours() {
    CronExpression hourly = CronExpression.parse("cron(0 4/12 * * ? *)");
    CronExpression daily = CronExpression.parse("cron(0 20 * * ? *)");

    assertThat(hourly.hours()).containsExactly(4, 16);
    assertThat(hourly.inHours()).isTrue();
    assertThat(daily.hours()).containsExactly(20);
    assertThat(daily.inHours()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cron(5 4 * * ? *)", // minutes must be 0
        "cron(0 4 * * ? 2024)", // year must be *
        "cron(0 4 * * * *)", // neither day field is ?
        "cron(0 4 ? * ? *)", // both are ?
        "cron(0 4 * * ?)", // five fields
        "cron(0 4 * * ? * *)", // seven fields
        "cron()",
        "cron(0 24 * * ? *)", // hour out of range
        "cron(0 4 32 * ? *)",
        "cron(0 4 0 * ? *)",
        "cron(0 4 * 13 ? *)",
        "cron(0 4 ? * 8 *)",
        "cron(0 4 ? * MOO *)",
        "cron(0 4 * FOO ? *)",
        "cron(0 20-4 * * ? *)", // reversed range
        "cron(0 4/0 * * ? *)", // zero increment
        "cron(0 4/ * * ? *)",
        "cron(0 4,,8 * * ? *)",
        "cron(0 4-8-12 * * ? *)",
        "cron(0 * * * ? *)", // every hour: more often than every four hours
        "cron(0 0,2 * * ? *)",
        "cron(0 4 L-2 * ? *)",
        "cron(0 4 L,15 * ? *)",
        "cron(0 4 32W * ? *)",
        "cron(0 4 ? * 2#6 *)",
        "cron(0 4 ? * 2#0 *)",
        "cron(0 4 ? * 9L *)",
        "cron(0 0 29 2 ? *)", // only in leap years: more than a year apart
        "cron(0 0 30 2 ? *)", // never
        "cron(0 0 31 4 ? *)", // never
        "cron(0 0 ? 2 2#5 *)", // fifth Monday of February: rare
        "cron 0 4 * * ? *",
      })
  void parse_invalid_invalidParameter(String expression) {
    assertThatThrownBy(() -> CronExpression.parse(expression))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("Invalid ScheduleExpression");
  }

  @Test
  void parse_messages_sayWhatIsWrong() {
    assertThatThrownBy(() -> CronExpression.parse("cron(5 4 * * ? *)"))
        .hasMessageContaining("Minutes field must be 0");
    assertThatThrownBy(() -> CronExpression.parse("cron(0 25 * * ? *)"))
        .hasMessageContaining("Hours field '25'")
        .hasMessageContaining("from 0 to 23");
    assertThatThrownBy(() -> CronExpression.parse("cron(0 4 * * MON *)"))
        .hasMessageContaining("exactly one of the Day-of-month and Day-of-week fields");
    assertThatThrownBy(() -> CronExpression.parse("cron(0 0 29 2 ? *)"))
        .hasMessageContaining("more than a year apart");
    assertThatThrownBy(() -> CronExpression.parse("cron(0 1,3 * * ? *)"))
        .hasMessageContaining("every four hours");
  }

  @Test
  void parse_spacesBetweenFields_tolerated() {
    assertThat(next("cron( 0  4  *  *  ?  * )", "2024-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("2024-01-01T04:00:00Z"));
  }
}
