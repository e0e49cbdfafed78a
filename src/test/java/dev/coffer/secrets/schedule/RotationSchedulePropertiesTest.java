package dev.coffer.secrets.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RotationSchedulePropertiesTest {

  private static final long FROM = Instant.parse("1999-01-01T00:00:00Z").getEpochSecond();
  private static final long TO = Instant.parse("2101-01-01T00:00:00Z").getEpochSecond();

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(FROM, TO).map(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<String> crons() {
    return Arbitraries.of(
        "cron(0 4/12 * * ? *)",
        "cron(0 1 ? 1/3 SUN#1 *)",
        "cron(0 16 L * ? *)",
        "cron(0 0 ? * 6L *)",
        "cron(0 0 15W * ? *)",
        "cron(0 0 LW * ? *)",
        "cron(0 8 ? * MON-FRI *)",
        "cron(0 8 1/7 * ? *)",
        "cron(0 23 31 12 ? *)",
        "cron(0 0,6,20 ? * 2#5 *)");
  }

  @Provide
  Arbitrary<RotationSchedule> schedules() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1, 1000).map(RotationSchedule::afterDays),
        Arbitraries.integers()
            .between(4, 23)
            .map(h -> RotationSchedule.expression("rate(" + h + " hours)", null)),
        Arbitraries.integers()
            .between(2, 999)
            .map(d -> RotationSchedule.expression("rate(" + d + " days)", "5h")),
        crons().map(c -> RotationSchedule.expression(c, null)));
  }

  @Property
  void cron_nextMatchIsLaterOnTheHourAndAMatch(
      @ForAll("crons") String expression, @ForAll("instants") Instant after) {
    CronExpression cron = CronExpression.parse(expression);

    Instant next = cron.nextMatchAfter(after);

    assertThat(next).isAfter(after);
    assertThat(next.truncatedTo(ChronoUnit.HOURS)).isEqualTo(next);
    assertThat(cron.hours()).contains(next.atZone(ZoneOffset.UTC).getHour());
    assertThat(cron.nextMatchAfter(next.minusSeconds(1))).isEqualTo(next);
    assertThat(Duration.between(after, next)).isLessThanOrEqualTo(Duration.ofDays(366 + 31));
  }

  @Property
  void cron_nextMatchIsMonotonic(
      @ForAll("crons") String expression,
      @ForAll("instants") Instant a,
      @ForAll("instants") Instant b) {
    CronExpression cron = CronExpression.parse(expression);
    Instant early = a.isBefore(b) ? a : b;
    Instant late = a.isBefore(b) ? b : a;

    assertThat(cron.nextMatchAfter(early)).isBeforeOrEqualTo(cron.nextMatchAfter(late));
  }

  @Property
  void owedWindow_opensAfterLastRotationOnTheHour(
      @ForAll("schedules") RotationSchedule schedule, @ForAll("instants") Instant last) {
    RotationWindow owed = schedule.owedWindow(last);

    assertThat(owed.start()).isAfter(last);
    assertThat(owed.start().truncatedTo(ChronoUnit.HOURS)).isEqualTo(owed.start());
    assertThat(owed.length()).isEqualTo(schedule.windowLength());
    // No window runs into the next UTC day.
    assertThat(owed.end())
        .isBeforeOrEqualTo(owed.start().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)));
    assertThat(schedule.nextRotationDate(last)).isEqualTo(owed.end().minusSeconds(1));
  }

  @Property
  void nextWindow_neverClosedAndDueMeansOpen(
      @ForAll("schedules") RotationSchedule schedule,
      @ForAll("instants") Instant last,
      @ForAll("instants") Instant now) {
    RotationWindow next = schedule.nextWindow(last, now);

    assertThat(next.hasEndedBy(now)).isFalse();
    assertThat(schedule.isDue(last, now)).isEqualTo(next.contains(now));
    if (!schedule.owedWindow(last).hasEndedBy(now)) {
      assertThat(next).isEqualTo(schedule.owedWindow(last));
    } else {
      // A missed window is followed by one that is open now or opens after now.
      assertThat(next.start()).isAfter(now.minus(schedule.windowLength()));
    }
  }
}
