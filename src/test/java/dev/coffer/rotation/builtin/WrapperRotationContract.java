package dev.coffer.rotation.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What the built-in database rotator tests share: a Coffer server, secrets in the shape of AWS's
 * database secrets, and the check that a client connecting through the AWS Secrets Manager JDBC
 * wrapper never fails while a secret is rotated {@link #ROTATIONS} times. Each database's test says
 * how its wrapper connects and whether rotations wait for the client (see {@link #paced()}).
 */
abstract class WrapperRotationContract {
  static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
  static final int ROTATIONS = 20;
  static final ObjectMapper JSON = new ObjectMapper();

  TestServer server;
  SecretsManagerClient sm;

  /** A connection through the JDBC wrapper as the user of secret {@code name}. */
  interface WrapperLogin {
    Connection connect(String name) throws Exception;
  }

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

  /**
   * Whether each rotation waits until the client has connected after the previous one: rotations
   * are days apart in practice, and back to back they can outrun a wrapper that waits seconds
   * between re-reads of the secret.
   */
  abstract boolean paced();

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

  /** Rotates {@code name} ROTATIONS times while a client connects through the JDBC wrapper. */
  void rotateWhileConnecting(String name, String function, WrapperLogin login, ClientCheck check)
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
                try (Connection c = login.connect(name)) {
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
        while (paced() && seenBySuccess.get() < done && firstFailure.get() == null) {
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
