package dev.coffer.rotation.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.testing.Backend;
import dev.coffer.testing.MariaDbHolder;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretRequest;

/**
 * How the built-in database rotators fail, step by step, against a real MariaDB: a failed step
 * leaves the AWSPENDING version and AWSCURRENT where they were, a new RotateSecret is refused with
 * AWS's error while the rotation is incomplete, a retry with the same ClientRequestToken resumes
 * the same version (and succeeds once the cause is gone), and every step and outcome is an audit
 * event (with its Step, whether it Succeeded and whether the rotation was Scheduled) and a metric.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltinRotationFailureTest {
  static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
  static final String SINGLE = ARN + BuiltinRotators.MYSQL_SINGLE_USER;
  static final String MULTI = ARN + BuiltinRotators.MYSQL_MULTI_USER;
  static final String INCOMPLETE =
      "A previous rotation isn't complete. That rotation will be reattempted.";
  static final ObjectMapper JSON = new ObjectMapper();

  MariaDbHolder db;
  MutableClock clock;
  TestServer server;
  SecretsManagerClient sm;

  @BeforeAll
  void start() {
    db = MariaDbHolder.get();
    db.asAdmin(
        "CREATE DATABASE IF NOT EXISTS faildb",
        "CREATE USER 'fail_app'@'%' IDENTIFIED BY 'fail-app-1' REQUIRE SSL",
        "GRANT SELECT ON faildb.* TO 'fail_app'@'%'",
        "CREATE USER 'fail_m'@'%' IDENTIFIED BY 'fail-m-1' REQUIRE SSL",
        "GRANT SELECT ON faildb.* TO 'fail_m'@'%'",
        "CREATE USER 'fail_weak'@'%' IDENTIFIED BY 'fail-weak-1' REQUIRE SSL",
        "GRANT SELECT ON faildb.* TO 'fail_weak'@'%'");
    clock = new MutableClock(Instant.parse("2026-03-09T10:30:00Z"));
    server = TestServer.start(Backend.SQLITE, clock);
    sm = server.secretsManager();
  }

  @AfterAll
  void stop() {
    sm.close();
    server.close();
  }

  String secret(int port, String user, String password, String... extra) {
    StringBuilder b =
        new StringBuilder("{\"engine\":\"mariadb\",\"host\":\"127.0.0.1\",\"port\":")
            .append(port)
            .append(",\"username\":\"")
            .append(user)
            .append("\",\"password\":\"")
            .append(password)
            .append("\",\"dbname\":\"faildb\"");
    for (String e : extra) {
      b.append(',').append(e);
    }
    return b.append('}').toString();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A failed rotation, as the tests look at it. */
  record Failed(String name, String arn, String firstVersion, RotateSecretRequest request) {
    String token() {
      return request.clientRequestToken();
    }
  }

  /** Creates {@code name} with {@code value} and rotates it with {@code function}, which fails. */
  Failed rotateFailing(String name, String value, String function) {
    var created = sm.createSecret(r -> r.name(name).secretString(value));
    RotateSecretRequest request =
        RotateSecretRequest.builder()
            .secretId(name)
            .clientRequestToken(UUID.randomUUID().toString())
            .rotationLambdaARN(function)
            .build();
    assertThat(sm.rotateSecret(request).versionId()).isEqualTo(request.clientRequestToken());
    Failed f = new Failed(name, created.arn(), created.versionId(), request);
    await("the rotation of " + name + " was recorded as failed", () -> outcomes(f).size() >= 1);
    return f;
  }

  /** The audit events of the rotation {@code f}, oldest first. */
  List<JsonNode> events(Failed f) {
    return events(server, f);
  }

  static List<JsonNode> events(TestServer server, Failed f) {
    List<JsonNode> out = new ArrayList<>();
    for (StoredAuditEvent e :
        server.server().audit().reader().events(1, Long.MAX_VALUE, 1_000_000)) {
      try {
        JsonNode r = JSON.readTree(e.body());
        if (r.path("eventType").asText().equals("AwsServiceEvent")
            && r.path("additionalEventData").path("VersionId").asText().equals(f.token())) {
          out.add(r);
        }
      } catch (IOException ex) {
        throw new AssertionError(ex);
      }
    }
    return out;
  }

  List<JsonNode> outcomes(Failed f) {
    return outcomes(server, f);
  }

  static List<JsonNode> outcomes(TestServer server, Failed f) {
    return events(server, f).stream()
        .filter(e -> !List.of("RotationStarted", "RotationStep").contains(name(e)))
        .toList();
  }

  static String name(JsonNode event) {
    return event.path("eventName").asText();
  }

  /** Asserts that {@code f} failed at {@code step} after the steps before it succeeded. */
  void assertFailedAt(Failed f, String step, String reason) {
    Map<String, List<String>> stages =
        sm.describeSecret(r -> r.secretId(f.name())).versionIdsToStages();
    assertThat(stages.get(f.token())).containsExactly("AWSPENDING");
    assertThat(stages.get(f.firstVersion())).containsExactly("AWSCURRENT");
    assertThat(sm.getSecretValue(r -> r.secretId(f.name())).versionId())
        .isEqualTo(f.firstVersion());
    assertThat(sm.describeSecret(r -> r.secretId(f.name())).lastRotatedDate()).isNull();

    List<String> all = List.of("createSecret", "setSecret", "testSecret", "finishSecret");
    List<String> expected = new ArrayList<>();
    expected.add("RotationStarted");
    for (String s : all.subList(0, all.indexOf(step) + 1)) {
      expected.add("RotationStep:" + s);
    }
    expected.add("RotationFailed");
    List<JsonNode> events = events(f);
    assertThat(events)
        .extracting(e ->
            name(e).equals("RotationStep")
                ? "RotationStep:" + e.path("additionalEventData").path("Step").asText()
                : name(e))
        .containsExactlyElementsOf(expected);
    for (JsonNode e : events) {
      JsonNode data = e.path("additionalEventData");
      assertThat(data.path("Scheduled").asBoolean()).isFalse();
      assertThat(data.path("SecretId").asText()).isEqualTo(f.arn());
      assertThat(e.path("eventSource").asText()).isEqualTo("secretsmanager.amazonaws.com");
      if (name(e).equals("RotationStep")) {
        assertThat(data.path("Succeeded").asBoolean())
            .isEqualTo(!data.path("Step").asText().equals(step));
      }
    }
    JsonNode failed = events.get(events.size() - 1).path("additionalEventData");
    assertThat(failed.path("Step").asText()).isEqualTo(step);
    assertThat(failed.path("Reason").asText()).contains(reason);
    assertThat(events.toString()).doesNotContain("fail-app-1", "fail-m-1", "fail-weak-1");
  }

  @Test
  void createSecret_secretIsNotJson_fails() {
    Failed f = rotateFailing(unique("fail/not-json"), "not json at all", SINGLE);
    assertFailedAt(f, "createSecret", "not a JSON object");
  }

  @Test
  void setSecret_unreachableHost_failsAndRetryWithSameTokenRunsAgain() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Failed f =
        rotateFailing(unique("fail/unreachable"), secret(closed, "fail_app", "fail-app-1"), SINGLE);
    assertFailedAt(f, "setSecret", "neither the current nor the previous credentials log in");

    assertThat(sm.rotateSecret(f.request()).versionId()).isEqualTo(f.token());
    await("the retry failed again", () -> outcomes(f).size() >= 2);
    assertThat(outcomes(f))
        .extracting(BuiltinRotationFailureTest::name)
        .containsExactly("RotationFailed", "RotationFailed");
    assertThat(sm.describeSecret(r -> r.secretId(f.name())).versionIdsToStages().get(f.token()))
        .containsExactly("AWSPENDING");
  }

  @Test
  void setSecret_wrongPassword_failsThenRetrySucceedsOnceTheCauseIsGone() throws Exception {
    String name = unique("fail/wrong-password");
    Failed f = rotateFailing(name, secret(db.port(), "fail_app", "not-the-password"), SINGLE);
    assertFailedAt(f, "setSecret", "neither the current nor the previous credentials log in");
    assertThat(db.logsIn("fail_app", "fail-app-1")).isTrue(); // the database was not touched

    // Another rotation is refused while this one is incomplete, as AWS does.
    assertThatThrownBy(() -> sm.rotateSecret(r -> r.secretId(name)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(INCOMPLETE);

    // The operator fixes the password; a retry with the same token completes the same version.
    db.asAdmin("ALTER USER 'fail_app'@'%' IDENTIFIED BY 'not-the-password'");
    assertThat(sm.rotateSecret(f.request()).versionId()).isEqualTo(f.token());
    await(
        "the retry succeeded",
        () -> outcomes(f).stream().anyMatch(e -> name(e).equals("RotationSucceeded")));
    assertThat(sm.getSecretValue(r -> r.secretId(name)).versionId()).isEqualTo(f.token());
    String password =
        JSON.readTree(sm.getSecretValue(r -> r.secretId(name)).secretString())
            .path("password")
            .asText();
    assertThat(db.logsIn("fail_app", password)).isTrue();
    assertThat(db.logsIn("fail_app", "not-the-password")).isFalse();
  }

  @Test
  void setSecret_masterSecretMissing_fails() {
    String missing =
        "arn:aws:secretsmanager:us-east-1:" + TestServer.ACCOUNT + ":secret:fail/none-AbCdEf";
    Failed f =
        rotateFailing(
            unique("fail/no-master"),
            secret(db.port(), "fail_m", "fail-m-1", "\"masterarn\":\"" + missing + "\""),
            MULTI);
    assertFailedAt(f, "setSecret", "ResourceNotFoundException");
  }

  @Test
  void setSecret_noMasterArn_fails() {
    Failed f =
        rotateFailing(unique("fail/no-masterarn"), secret(db.port(), "fail_m", "fail-m-1"), MULTI);
    assertFailedAt(f, "setSecret", "the secret has no masterarn member");
  }

  @Test
  void setSecret_masterWithoutPrivileges_databaseRefuses() {
    String master =
        sm.createSecret(r ->
                r.name(unique("fail/weak-master"))
                    .secretString(secret(db.port(), "fail_weak", "fail-weak-1")))
            .arn();
    Failed f =
        rotateFailing(
            unique("fail/refused"),
            secret(db.port(), "fail_m", "fail-m-1", "\"masterarn\":\"" + master + "\""),
            MULTI);
    assertFailedAt(f, "setSecret", "the database refused");
    assertThat(db.queryAsAdmin("SELECT count(*) FROM mysql.user WHERE User = 'fail_m_clone'"))
        .contains("0");
  }

  @Test
  void scheduledRotation_fails_eventsAndMetricsSayScheduled() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    // A server of its own, so that no other test's retries become due when its clock moves.
    MutableClock time = new MutableClock(Instant.parse("2026-03-09T10:30:00Z"));
    try (TestServer node = TestServer.start(Backend.SQLITE, time);
        SecretsManagerClient client = node.secretsManager()) {
      String name = unique("fail/scheduled");
      var created =
          client.createSecret(
              r -> r.name(name).secretString(secret(closed, "fail_app", "fail-app-1")));
      // Turns rotation on without rotating; its configuration test fails (nothing listens).
      String test =
          client
              .rotateSecret(r ->
                  r.secretId(name)
                      .rotationLambdaARN(SINGLE)
                      .rotationRules(rr -> rr.scheduleExpression("rate(4 hours)"))
                      .rotateImmediately(false))
              .versionId();
      await(
          "the configuration test ended",
          () ->
              !client.describeSecret(r -> r.secretId(name)).versionIdsToStages().containsKey(test));

      time.advance(Duration.between(time.instant(), Instant.parse("2026-03-09T12:00:00Z")));
      assertThat(node.runRotationScheduler()).isEqualTo(1);
      String token =
          client.describeSecret(r -> r.secretId(name)).versionIdsToStages().entrySet().stream()
              .filter(e -> e.getValue().contains("AWSPENDING"))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      Failed f =
          new Failed(
              name,
              created.arn(),
              created.versionId(),
              RotateSecretRequest.builder().secretId(name).clientRequestToken(token).build());
      await("the scheduled rotation failed", () -> outcomes(node, f).size() >= 1);
      List<JsonNode> events = events(node, f);
      assertThat(events)
          .extracting(e ->
              name(e).equals("RotationStep")
                  ? "RotationStep:" + e.path("additionalEventData").path("Step").asText()
                  : name(e))
          .containsExactly(
              "RotationStarted",
              "RotationStep:createSecret",
              "RotationStep:setSecret",
              "RotationFailed");
      assertThat(events)
          .allSatisfy(e ->
              assertThat(e.path("additionalEventData").path("Scheduled").asBoolean()).isTrue());
      assertThat(node.rotationMetrics())
          .containsEntry("coffer.rotation.events{event=RotationStarted,scheduled=true}", 1L)
          .containsEntry("coffer.rotation.events{event=RotationFailed,scheduled=true}", 1L)
          .containsEntry("coffer.rotation.steps{step=createSecret,result=succeeded}", 1L)
          .containsEntry("coffer.rotation.steps{step=setSecret,result=failed}", 1L)
          .containsEntry("coffer.rotation.events{event=TestRotationFailed,scheduled=false}", 1L);
      assertThat(client.describeSecret(r -> r.secretId(name)).versionIdsToStages().get(token))
          .containsExactly("AWSPENDING");
      // The retry comes a minute later (rotation.retryDelay), the same version again.
      assertThat(node.runRotationScheduler()).isZero();
      time.advance(Duration.ofMinutes(1));
      assertThat(node.runRotationScheduler()).isEqualTo(1);
      await("the retry failed", () -> outcomes(node, f).size() >= 2);
      assertThat(node.rotationMetrics())
          .containsEntry("coffer.rotation.events{event=RotationFailed,scheduled=true}", 2L);
    }
  }

  @Test
  void rotateImmediatelyFalse_testsTheCurrentCredentials() {
    String name = unique("fail/config-test");
    sm.createSecret(r -> r.name(name).secretString(secret(db.port(), "fail_weak", "fail-weak-1")));
    long before = metric("coffer.rotation.events{event=TestRotationSucceeded,scheduled=false}");
    sm.rotateSecret(r ->
        r.secretId(name)
            .rotationLambdaARN(SINGLE)
            .rotationRules(rr -> rr.automaticallyAfterDays(30L))
            .rotateImmediately(false));
    await(
        "the configuration test succeeded",
        () ->
            metric("coffer.rotation.events{event=TestRotationSucceeded,scheduled=false}") > before);
  }

  long metric(String key) {
    return server.rotationMetrics().getOrDefault(key, 0L);
  }

  static void await(String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
