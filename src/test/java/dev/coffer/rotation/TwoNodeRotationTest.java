package dev.coffer.rotation;

import static dev.coffer.rotation.RotationContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.testing.EmbeddedPostgresHolder;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Two Coffer nodes on one PostgreSQL database, their schedulers racing for the same due rotations:
 * each rotation runs exactly once, on one of them; a rotation that takes longer than its lease
 * keeps it (the running node renews it) and is not taken over.
 */
class TwoNodeRotationTest {
  private static final int SECRETS = 8;
  private static final int ROUNDS = 4;

  @Test
  void scheduler_twoNodesOnOneDatabase_runEachRotationExactlyOnce() throws Exception {
    MutableClock clock = new MutableClock(ScheduleContract.MONDAY);
    String url = EmbeddedPostgresHolder.newDatabase();
    Path keys = Files.createTempDirectory("coffer-cluster");
    try (TestRotationFunction function = TestRotationFunction.start();
        TestServer a = TestServer.startOn(url, keys, clock, ScheduleContract.settings(function));
        TestServer b = TestServer.startOn(url, keys, clock, ScheduleContract.settings(function));
        SecretsManagerClient sm = a.secretsManager();
        ExecutorService threads = Executors.newFixedThreadPool(2)) {
      function.connect(b.secretsManager());
      List<String> firstVersions = new ArrayList<>();
      for (int i = 0; i < SECRETS; i++) {
        String name = "cluster-" + i;
        firstVersions.add(sm.createSecret(r -> r.name(name).secretString("first")).versionId());
        String test =
            sm.rotateSecret(r ->
                    r.secretId(name)
                        .rotationLambdaARN(ScheduleContract.ROTATOR)
                        .rotationRules(rr -> rr.scheduleExpression("rate(4 hours)"))
                        .rotateImmediately(false))
                .versionId();
        await(
            "the test run of " + name + " ended",
            () -> !sm.describeSecret(r -> r.secretId(name)).versionIdsToStages().containsKey(test));
      }
      clock.advance(Duration.between(clock.instant(), Instant.parse("2026-03-09T12:00:00Z")));

      // Both nodes look for due rotations at the same moments, several times over.
      CyclicBarrier together = new CyclicBarrier(2);
      List<Future<Integer>> launched = new ArrayList<>();
      for (TestServer node : List.of(a, b)) {
        launched.add(
            threads.submit(() -> {
              int n = 0;
              for (int round = 0; round < ROUNDS; round++) {
                together.await();
                n += node.runRotationScheduler();
              }
              return n;
            }));
      }
      int total = launched.get(0).get() + launched.get(1).get();

      List<String> rotatedTo = new ArrayList<>();
      for (int i = 0; i < SECRETS; i++) {
        String name = "cluster-" + i;
        String before = firstVersions.get(i);
        await(
            name + " was rotated",
            () -> {
              var d = sm.describeSecret(r -> r.secretId(name));
              return d.lastRotatedDate() != null
                  && !d.versionIdsToStages().get(before).contains("AWSCURRENT");
            });
        Map<String, List<String>> stages =
            sm.describeSecret(r -> r.secretId(name)).versionIdsToStages();
        assertThat(stages).hasSize(2); // AWSCURRENT and AWSPREVIOUS: one new version, no other
        String current =
            stages.entrySet().stream()
                .filter(e -> e.getValue().contains("AWSCURRENT"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        rotatedTo.add(current);
        assertThat(function.steps(current))
            .as("steps invoked for %s", name)
            .containsExactly("createSecret", "setSecret", "testSecret", "finishSecret");
      }
      assertThat(total).isEqualTo(SECRETS);
      assertThat(rotatedTo).doesNotHaveDuplicates();
      assertThat(a.runRotationScheduler() + b.runRotationScheduler()).isZero();
    }
  }

  @Test
  void scheduler_rotationLongerThanItsLease_renewsItAndOtherNodeDoesNotTakeOver() throws Exception {
    MutableClock clock = new MutableClock(ScheduleContract.MONDAY);
    String url = EmbeddedPostgresHolder.newDatabase();
    Path keys = Files.createTempDirectory("coffer-cluster");
    try (TestRotationFunction function = TestRotationFunction.start();
        TestServer a = TestServer.startOn(url, keys, clock, ScheduleContract.settings(function));
        TestServer b = TestServer.startOn(url, keys, clock, ScheduleContract.settings(function));
        SecretsManagerClient sm = a.secretsManager()) {
      function.connect(b.secretsManager());
      String first = sm.createSecret(r -> r.name("long").secretString("first")).versionId();
      String test =
          sm.rotateSecret(r ->
                  r.secretId("long")
                      .rotationLambdaARN(RotationContract.BLOCKING)
                      .rotationRules(rr -> rr.scheduleExpression("rate(4 hours)"))
                      .rotateImmediately(false))
              .versionId();
      await(
          "the test run ended",
          () -> !sm.describeSecret(r -> r.secretId("long")).versionIdsToStages().containsKey(test));
      clock.advance(Duration.between(clock.instant(), Instant.parse("2026-03-09T12:00:00Z")));

      assertThat(a.runRotationScheduler()).isEqualTo(1);
      assertThat(function.awaitBlocked()).isTrue(); // node a is inside setSecret
      Instant firstLease = leaseUntil(a);
      // The lease is 4 x the 30 s step timeout + 1 minute (RotationPolicy.defaults).
      assertThat(firstLease).isEqualTo("2026-03-09T12:03:00Z");

      clock.advance(Duration.ofMinutes(2));
      await("node a renewed its lease", () -> leaseUntil(a).isAfter(firstLease));
      clock.advance(Duration.ofMinutes(2)); // past the end of the first lease
      assertThat(b.runRotationScheduler()).isZero();
      assertThat(a.runRotationScheduler()).isZero();

      function.release();
      await(
          "the rotation finished",
          () -> {
            var d = sm.describeSecret(r -> r.secretId("long"));
            return d.lastRotatedDate() != null
                && !d.versionIdsToStages().get(first).contains("AWSCURRENT");
          });
      String current = sm.getSecretValue(r -> r.secretId("long")).versionId();
      assertThat(function.steps(current))
          .containsExactly("createSecret", "setSecret", "testSecret", "finishSecret");
    }
  }

  private static Instant leaseUntil(TestServer node) {
    try (Connection c = node.database();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT lease_until FROM secret_rotation_runs WHERE status = 'RUNNING'")) {
      assertThat(rs.next()).as("a running rotation").isTrue();
      return Instant.ofEpochMilli(rs.getLong(1));
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
