package dev.coffer.rotation.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.sql.Connection;
import java.sql.Driver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What the built-in database rotator tests share: a Coffer server, secrets in the shape of AWS's
 * database secrets, and the check that a client connecting through the AWS Secrets Manager JDBC
 * wrapper never fails while a secret is rotated {@link #ROTATIONS} times, and what each rotation
 * strategy must leave behind in the database. Each database's test says how its wrapper connects
 * and how a login is checked.
 */
abstract class WrapperRotationContract {
  static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
  static final int ROTATIONS = 20;
  static final ObjectMapper JSON = new ObjectMapper();

  TestServer server;
  SecretsManagerClient sm;

  /** What the client does with each connection; throws when the answer is wrong. */
  interface ClientCheck {
    void run(Connection c) throws Exception;
  }

  /** The secret's {@code engine} member. */
  abstract String engine();

  abstract int port();

  abstract String dbname();

  /** How long one rotation, or the client's next success, may take. */
  abstract Duration patience();

  /** Whether {@code user} logs in with {@code password}, straight to the database. */
  abstract boolean logsIn(String user, String password);

  /** Starts the server; call once the database is ready. */
  void startServer() {
    // The wrapper's class initializer builds a default SDK client, which needs a region; the
    // instances used here get a client pointed at Coffer.
    if (System.getProperty("aws.region") == null) {
      System.setProperty("aws.region", "us-east-1");
    }
    server = TestServer.start(Backend.SQLITE, Clock.systemUTC());
    sm = server.secretsManager();
  }

  void stopServer() {
    sm.close();
    server.close();
  }

  /** A database secret for {@code user}, with {@code extra} members ({@code "key":value}). */
  String secret(String user, String password, String... extra) {
    StringBuilder b =
        new StringBuilder("{\"engine\":\"")
            .append(engine())
            .append("\",\"host\":\"127.0.0.1\",\"port\":")
            .append(port())
            .append(",\"username\":\"")
            .append(user)
            .append("\",\"password\":\"")
            .append(password)
            .append("\",\"dbname\":\"")
            .append(dbname())
            .append('"');
    for (String e : extra) {
      b.append(',').append(e);
    }
    return b.append('}').toString();
  }

  JsonNode value(String name, String stage) throws Exception {
    return JSON.readTree(
        sm.getSecretValue(r -> r.secretId(name).versionStage(stage)).secretString());
  }

  /**
   * Rotates {@code name} ROTATIONS times while a client connects through the JDBC {@code wrapper}
   * to {@code url} as the secret's user and runs {@code check} on each connection.
   *
   * <p>Each rotation waits until the client has connected after the previous one: rotations are
   * days apart in practice, and back to back they outran the wrappers' retries on a loaded machine
   * (a wrapper re-reads the secret and reconnects seconds later, and each password was replaced
   * before it could use it).
   */
  void rotateWhileConnecting(
      String name, String function, Driver wrapper, String url, ClientCheck check)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    // Rotations finished so far, and the most of them a successful connection started after.
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger seenBySuccess = new AtomicInteger();
    Thread client =
        Thread.ofPlatform()
            .start(() -> {
              while (!stop.get()) {
                attempts.incrementAndGet();
                int startedAfter = finished.get();
                // The wrappers take the secret's name as the user; the MariaDB one passes other
                // properties on as defaults the driver does not read, so options go in the URL.
                Properties p = new Properties();
                p.setProperty("user", name);
                try (Connection c = wrapper.connect(url, p)) {
                  check.run(c);
                  seenBySuccess.accumulateAndGet(startedAfter, Math::max);
                } catch (Exception e) {
                  failures.incrementAndGet();
                  firstFailure.compareAndSet(null, e);
                }
              }
            });
    try {
      for (int i = 0; i < ROTATIONS; i++) {
        String token =
            sm.rotateSecret(r -> r.secretId(name).rotationLambdaARN(ARN + function)).versionId();
        awaitCurrent(name, token);
        int done = finished.incrementAndGet();
        long deadline = System.nanoTime() + patience().toNanos();
        while (seenBySuccess.get() < done && firstFailure.get() == null) {
          assertThat(System.nanoTime()).as("the client connected again").isLessThan(deadline);
          Thread.sleep(10);
        }
      }
    } finally {
      stop.set(true);
      client.join(patience());
    }
    assertThat(firstFailure.get()).isNull();
    assertThat(failures.get()).isZero();
    assertThat(attempts.get()).isGreaterThan(ROTATIONS);
  }

  /**
   * Checks that a single-user rotation of {@code name} gave {@code user} a new 32-character
   * password that logs in, in place of {@code initialPassword}; returns the current value.
   */
  JsonNode assertRotatedInPlace(String name, String user, String initialPassword) throws Exception {
    JsonNode now = value(name, "AWSCURRENT");
    assertThat(now.path("username").asText()).isEqualTo(user);
    String password = now.path("password").asText();
    assertThat(password).isNotEqualTo(initialPassword).hasSize(32);
    assertThat(logsIn(user, password)).isTrue();
    assertThat(logsIn(user, initialPassword)).isFalse();
    assertThat(sm.describeSecret(r -> r.secretId(name)).lastRotatedDate()).isNotNull();
    return now;
  }

  /**
   * Checks that an even number of alternating-users rotations of {@code name} came back to {@code
   * user} with a new password, that {@code user}'s clone (AWSPREVIOUS) still logs in, and that the
   * secret kept {@code masterArn}; returns the previous value.
   */
  JsonNode assertAlternatedBack(String name, String user, String initialPassword, String masterArn)
      throws Exception {
    JsonNode now = value(name, "AWSCURRENT");
    assertThat(now.path("username").asText()).isEqualTo(user);
    assertThat(now.path("masterarn").asText()).isEqualTo(masterArn);
    assertThat(logsIn(user, now.path("password").asText())).isTrue();
    assertThat(logsIn(user, initialPassword)).isFalse();
    JsonNode previous = value(name, "AWSPREVIOUS");
    assertThat(previous.path("username").asText()).isEqualTo(user + "_clone");
    assertThat(logsIn(user + "_clone", previous.path("password").asText())).isTrue();
    return previous;
  }

  /** Waits until the rotation to {@code token} has made it AWSCURRENT. */
  void awaitCurrent(String name, String token) throws InterruptedException {
    long deadline = System.nanoTime() + patience().toNanos();
    while (true) {
      var d = sm.describeSecret(r -> r.secretId(name));
      List<String> stages = d.versionIdsToStages().get(token);
      if (stages != null && stages.contains("AWSCURRENT")) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "rotation to " + token + " did not finish: " + d.versionIdsToStages());
      }
      Thread.sleep(20);
    }
  }
}
