package dev.coffer.rotation.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The built-in PostgreSQL rotators against a real PostgreSQL user, while a client keeps connecting
 * through the AWS Secrets Manager JDBC wrapper pointed at Coffer: no connection attempt fails
 * across 20 rotations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresBuiltinRotationTest {
  static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
  static final int ROTATIONS = 20;
  static final ObjectMapper JSON = new ObjectMapper();

  PasswordAuthPostgres db;
  TestServer server;
  SecretsManagerClient sm;

  @BeforeAll
  void start() {
    // The wrapper's class initializer registers a default instance with a default SDK client,
    // which needs a region; the instances used here get a client pointed at Coffer.
    if (System.getProperty("aws.region") == null) {
      System.setProperty("aws.region", "us-east-1");
    }
    db = PasswordAuthPostgres.start();
    db.asSuperuser(
        "CREATE ROLE app LOGIN PASSWORD 'app-initial-1'",
        "CREATE ROLE appm LOGIN PASSWORD 'appm-initial-1'",
        "CREATE TABLE things (id int)",
        "GRANT SELECT ON things TO appm",
        "CREATE ROLE admin LOGIN SUPERUSER PASSWORD 'admin-initial-1'");
    server = TestServer.start(Backend.SQLITE, Clock.systemUTC());
    sm = server.secretsManager();
  }

  @AfterAll
  void stop() throws Exception {
    sm.close();
    server.close();
    db.close();
  }

  String secret(String user, String password, String... extra) {
    StringBuilder b =
        new StringBuilder("{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":")
            .append(db.port())
            .append(",\"username\":\"")
            .append(user)
            .append("\",\"password\":\"")
            .append(password)
            .append("\",\"dbname\":\"postgres\"");
    for (String e : extra) {
      b.append(',').append(e);
    }
    return b.append('}').toString();
  }

  JsonNode current(String name) throws Exception {
    return JSON.readTree(sm.getSecretValue(r -> r.secretId(name)).secretString());
  }

  /** Rotates {@code name} ROTATIONS times while a client connects through the JDBC wrapper. */
  void rotateWhileConnecting(String name, String function, String query) throws Exception {
    AWSSecretsManagerPostgreSQLDriver wrapper =
        new AWSSecretsManagerPostgreSQLDriver(server.secretsManager());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    Thread client =
        Thread.ofPlatform()
            .start(() -> {
              while (!stop.get()) {
                Properties p = new Properties();
                p.setProperty("user", name);
                attempts.incrementAndGet();
                try (Connection c =
                        wrapper.connect(
                            "jdbc-secretsmanager:postgresql://127.0.0.1:" + db.port() + "/postgres",
                            p);
                    Statement s = c.createStatement()) {
                  s.execute(query);
                } catch (Exception e) {
                  failures.incrementAndGet();
                  firstFailure.compareAndSet(null, e);
                }
              }
            });
    try {
      for (int i = 0; i < ROTATIONS; i++) {
        String before = sm.getSecretValue(r -> r.secretId(name)).versionId();
        String token =
            sm.rotateSecret(r -> r.secretId(name).rotationLambdaARN(ARN + function)).versionId();
        awaitCurrent(name, token, before);
      }
    } finally {
      stop.set(true);
      client.join(Duration.ofSeconds(30));
    }
    assertThat(firstFailure.get()).isNull();
    assertThat(failures.get()).isZero();
    assertThat(attempts.get()).isGreaterThan(ROTATIONS);
  }

  void awaitCurrent(String name, String token, String before) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
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

  @Test
  void singleUser_twentyRotationsWhileConnecting_noConnectionFails() throws Exception {
    sm.createSecret(r -> r.name("db/app").secretString(secret("app", "app-initial-1")));
    rotateWhileConnecting("db/app", BuiltinRotators.POSTGRESQL_SINGLE_USER, "SELECT 1");

    JsonNode now = current("db/app");
    assertThat(now.path("username").asText()).isEqualTo("app");
    assertThat(now.path("password").asText()).isNotEqualTo("app-initial-1").hasSize(32);
    assertThat(db.logsIn("app", now.path("password").asText())).isTrue();
    assertThat(db.logsIn("app", "app-initial-1")).isFalse();
    assertThat(sm.describeSecret(r -> r.secretId("db/app")).lastRotatedDate()).isNotNull();
  }

  @Test
  void alternatingUsers_twentyRotationsWhileConnecting_noConnectionFails() throws Exception {
    sm.createSecret(r -> r.name("db/admin").secretString(secret("admin", "admin-initial-1")));
    String masterArn = sm.describeSecret(r -> r.secretId("db/admin")).arn();
    sm.createSecret(r ->
        r.name("db/appm")
            .secretString(secret("appm", "appm-initial-1", "\"masterarn\":\"" + masterArn + "\"")));
    rotateWhileConnecting(
        "db/appm", BuiltinRotators.POSTGRESQL_MULTI_USER, "SELECT count(*) FROM things");

    JsonNode now = current("db/appm");
    // An even number of rotations comes back to the original user, with a new password.
    assertThat(now.path("username").asText()).isEqualTo("appm");
    assertThat(now.path("masterarn").asText()).isEqualTo(masterArn);
    assertThat(db.logsIn("appm", now.path("password").asText())).isTrue();
    assertThat(db.logsIn("appm", "appm-initial-1")).isFalse();
    JsonNode previous =
        JSON.readTree(
            sm.getSecretValue(r -> r.secretId("db/appm").versionStage("AWSPREVIOUS"))
                .secretString());
    assertThat(previous.path("username").asText()).isEqualTo("appm_clone");
    assertThat(db.logsIn("appm_clone", previous.path("password").asText())).isTrue();
  }
}
