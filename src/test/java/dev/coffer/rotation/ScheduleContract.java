package dev.coffer.rotation;

import static dev.coffer.rotation.RotationContract.await;
import static dev.coffer.rotation.TestRotationFunction.ARN_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.server.ServerConfig;
import dev.coffer.testing.Backend;
import dev.coffer.testing.EmbeddedPostgresHolder;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;

/**
 * The rotation scheduler through a running server, with time moved by hand ({@link MutableClock})
 * and the scheduler asked to look for due rotations explicitly (its own timer is set to an hour so
 * that it never runs during a test): every schedule form and window, retries and restarts. Every
 * test starts on Monday 2026-03-09 at 10:30 UTC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScheduleContract {
  static final String ROTATOR = ARN_PREFIX + "rotator";
  static final String FAILING = ARN_PREFIX + "failing";
  static final Instant MONDAY = Instant.parse("2026-03-09T10:30:00Z");

  TestRotationFunction function;
  MutableClock clock;
  Path dataDir;
  String url;
  TestServer server;
  SecretsManagerClient sm;

  abstract Backend backend();

  static RotationSettings settings(TestRotationFunction function) {
    return new RotationSettings(
        List.of(
            new RotationSettings.FunctionRoute(
                ARN_PREFIX + "*", function.endpoint(), Optional.empty())),
        Duration.ofSeconds(30),
        Duration.ofHours(1),
        2,
        Duration.ofMinutes(1));
  }

  @BeforeAll
  void startFunction() throws IOException {
    function = TestRotationFunction.start();
  }

  @AfterAll
  void stopFunction() {
    function.close();
  }

  @BeforeEach
  void startServer() throws IOException {
    clock = new MutableClock(MONDAY);
    dataDir = Files.createTempDirectory("coffer-schedule");
    url =
        backend() == Backend.SQLITE
            ? ServerConfig.sqliteUrl(dataDir)
            : EmbeddedPostgresHolder.newDatabase();
    startNode();
  }

  private void startNode() {
    server = TestServer.startOn(url, dataDir, clock, settings(function));
    sm = server.secretsManager();
    function.connect(server.secretsManager());
  }

  @AfterEach
  void stopServer() {
    sm.close();
    server.close();
  }

  void at(String instant) {
    clock.advance(Duration.between(clock.instant(), Instant.parse(instant)));
  }

  DescribeSecretResponse describe(String name) {
    return sm.describeSecret(b -> b.secretId(name));
  }

  /** Creates a secret and turns rotation on with {@code rules}, without rotating now. */
  void configure(String name, String functionArn, Consumer<RotationRulesType.Builder> rules) {
    sm.createSecret(b -> b.name(name).secretString("first"));
    String test =
        sm.rotateSecret(b ->
                b.secretId(name)
                    .rotationLambdaARN(functionArn)
                    .rotationRules(rules)
                    .rotateImmediately(false))
            .versionId();
    await(
        "the test run removed its AWSPENDING version",
        () -> !describe(name).versionIdsToStages().containsKey(test));
  }

  /** Waits until a version other than {@code before} is AWSCURRENT and recorded as rotated. */
  String awaitRotatedAway(String name, List<String> before) {
    await(
        "a scheduled rotation made a new version current",
        () -> {
          DescribeSecretResponse d = describe(name);
          return d.lastRotatedDate() != null
              && d.versionIdsToStages().entrySet().stream()
                  .anyMatch(
                      e -> e.getValue().contains("AWSCURRENT") && !before.contains(e.getKey()));
        });
    return describe(name).versionIdsToStages().entrySet().stream()
        .filter(e -> e.getValue().contains("AWSCURRENT"))
        .map(e -> e.getKey())
        .findFirst()
        .orElseThrow();
  }

  String current(String name) {
    return sm.getSecretValue(b -> b.secretId(name)).versionId();
  }

  @Test
  void scheduler_automaticallyAfterDays_rotatesInTheWindowAtMidnight() {
    configure("days", ROTATOR, r -> r.automaticallyAfterDays(2L));
    assertThat(describe("days").nextRotationDate()).isEqualTo("2026-03-11T23:59:59Z");
    String first = current("days");
    at("2026-03-10T23:59:59Z");
    assertThat(server.runRotationScheduler()).isZero();
    at("2026-03-11T00:00:00Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
    String second = awaitRotatedAway("days", List.of(first));

    DescribeSecretResponse d = describe("days");
    assertThat(d.lastRotatedDate()).isEqualTo("2026-03-11T00:00:00Z");
    assertThat(d.nextRotationDate()).isEqualTo("2026-03-13T23:59:59Z");
    assertThat(d.versionIdsToStages().get(first)).containsExactly("AWSPREVIOUS");
    assertThat(function.steps(second))
        .containsExactly("createSecret", "setSecret", "testSecret", "finishSecret");
    assertThat(server.runRotationScheduler()).isZero();
    assertThat(server.rotationMetrics())
        .containsEntry("coffer.rotation.events{event=RotationStarted,scheduled=true}", 1L)
        .containsEntry("coffer.rotation.events{event=RotationSucceeded,scheduled=true}", 1L)
        .containsEntry("coffer.rotation.steps{step=finishSecret,result=succeeded}", 1L);
  }

  @Test
  void scheduler_automaticallyAfterDaysWithDuration_skipsClosedWindowToNextDay() {
    configure("days-window", ROTATOR, r -> r.automaticallyAfterDays(1L).duration("6h"));
    String first = current("days-window");
    at("2026-03-10T06:00:00Z"); // the 00:00-06:00 window has closed without a rotation
    assertThat(server.runRotationScheduler()).isZero();
    at("2026-03-10T23:59:59Z");
    assertThat(server.runRotationScheduler()).isZero();
    at("2026-03-11T05:59:59Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
    awaitRotatedAway("days-window", List.of(first));
  }

  @Test
  void scheduler_rateInHours_rotatesInEachWindowOfTheDay() {
    configure("hours", ROTATOR, r -> r.scheduleExpression("rate(4 hours)"));
    assertThat(describe("hours").nextRotationDate()).isEqualTo("2026-03-09T12:59:59Z");
    String first = current("hours");
    at("2026-03-09T11:59:59Z");
    assertThat(server.runRotationScheduler()).isZero();
    at("2026-03-09T12:00:00Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
    String second = awaitRotatedAway("hours", List.of(first));
    at("2026-03-09T12:59:00Z");
    assertThat(server.runRotationScheduler()).isZero();
    at("2026-03-09T16:00:00Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
    awaitRotatedAway("hours", List.of(first, second));
  }

  @Test
  void scheduler_rateInHours_windowOfOneHourClosesWithoutRotation() {
    configure("hours-missed", ROTATOR, r -> r.scheduleExpression("rate(6 hours)"));
    at("2026-03-09T13:00:00Z"); // the 12:00 window closed at 13:00
    assertThat(server.runRotationScheduler()).isZero();
    at("2026-03-09T18:00:00Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
  }

  @Test
  void scheduler_rateInDaysWithDuration_rotatesOnlyInsideTheWindow() {
    configure("rate-days", ROTATOR, r -> r.scheduleExpression("rate(1 day)").duration("3h"));
    String first = current("rate-days");
    at("2026-03-10T02:59:59Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
    awaitRotatedAway("rate-days", List.of(first));
    assertThat(describe("rate-days").nextRotationDate()).isEqualTo("2026-03-11T02:59:59Z");
  }

  @Test
  void scheduler_cronWithDuration_rotatesInTheWindowAndNotAfter() {
    configure("cron", ROTATOR, r -> r.scheduleExpression("cron(0 16 ? * MON *)").duration("2h"));
    assertThat(describe("cron").nextRotationDate()).isEqualTo("2026-03-09T17:59:59Z");
    String first = current("cron");
    at("2026-03-09T15:59:59Z");
    assertThat(server.runRotationScheduler()).isZero();
    at("2026-03-09T18:00:00Z"); // the window closed: next Monday
    assertThat(server.runRotationScheduler()).isZero();
    at("2026-03-16T15:00:00Z");
    assertThat(server.runRotationScheduler()).isZero();
    at("2026-03-16T17:59:00Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
    awaitRotatedAway("cron", List.of(first));
    assertThat(describe("cron").nextRotationDate()).isEqualTo("2026-03-23T17:59:59Z");
  }

  @Test
  void scheduler_cronDefaultWindow_isOneHour() {
    configure("cron-hour", ROTATOR, r -> r.scheduleExpression("cron(0 4/12 * * ? *)"));
    at("2026-03-09T16:59:59Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
  }

  @Test
  void scheduler_failingFunction_retriesWithBackOffThenStops() {
    configure("retry", FAILING, r -> r.scheduleExpression("rate(4 hours)").duration("2h"));
    at("2026-03-09T12:00:00Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
    String token =
        describe("retry").versionIdsToStages().entrySet().stream()
            .filter(e -> e.getValue().contains("AWSPENDING"))
            .map(e -> e.getKey())
            .findFirst()
            .orElseThrow();
    await("the first run failed", () -> failedRuns(token) == 1);
    assertThat(server.runRotationScheduler()).isZero(); // the retry waits a minute
    at("2026-03-09T12:01:00Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
    await("the first retry failed", () -> failedRuns(token) == 2);
    at("2026-03-09T12:03:00Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
    await("the second retry failed", () -> failedRuns(token) == 3);
    at("2026-03-09T13:00:00Z");
    assertThat(server.runRotationScheduler()).isZero(); // two retries, then the next window

    assertThat(describe("retry").versionIdsToStages().get(token)).containsExactly("AWSPENDING");
    assertThatThrownBy(() -> sm.rotateSecret(b -> b.secretId("retry")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(RotationContract.INCOMPLETE);
    at("2026-03-09T16:00:00Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
    await("the next window re-attempted it", () -> failedRuns(token) == 4);
    assertThat(server.rotationMetrics())
        .containsEntry("coffer.rotation.events{event=RotationFailed,scheduled=true}", 4L)
        .containsEntry("coffer.rotation.steps{step=setSecret,result=failed}", 4L);
  }

  /**
   * How many scheduled runs have been recorded as failed; -1 until the function has been invoked
   * for {@code token} (the run starts in the background, after the scheduler call returns).
   */
  private long failedRuns(String token) {
    if (function.steps(token).isEmpty()) {
      return -1;
    }
    return server
        .rotationMetrics()
        .getOrDefault("coffer.rotation.events{event=RotationFailed,scheduled=true}", 0L);
  }

  @Test
  void scheduler_afterRestart_rotatesFromStoredSchedule() {
    configure("restart", ROTATOR, r -> r.scheduleExpression("rate(4 hours)"));
    String first = current("restart");
    stopServer();
    startNode();
    at("2026-03-09T12:30:00Z");
    assertThat(server.runRotationScheduler()).isEqualTo(1);
    awaitRotatedAway("restart", List.of(first));
  }

  @Test
  void scheduler_rotationOff_neverRotates() {
    configure("off", ROTATOR, r -> r.scheduleExpression("rate(4 hours)"));
    sm.cancelRotateSecret(b -> b.secretId("off"));
    at("2026-03-09T12:00:00Z");
    assertThat(server.runRotationScheduler()).isZero();
  }
}
