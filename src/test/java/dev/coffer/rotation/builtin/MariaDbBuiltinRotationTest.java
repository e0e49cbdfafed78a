package dev.coffer.rotation.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.sql.AWSSecretsManagerMariaDBDriver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.testing.Backend;
import dev.coffer.testing.MariaDbHolder;
import dev.coffer.testing.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * The built-in MySQL/MariaDB rotators against a real MariaDB ({@link MariaDbHolder}) whose users
 * all {@code REQUIRE SSL}, so that every login of the rotator (and of the client) is over TLS,
 * while a client keeps connecting through the AWS Secrets Manager JDBC wrapper ({@link
 * AWSSecretsManagerMariaDBDriver}, which drives mariadb-java-client) pointed at Coffer: no
 * connection attempt fails across 20 rotations of each strategy. Each rotation starts once the
 * client has connected after the previous one (in practice rotations are days apart; back to back
 * they would outrun the wrapper's retries, which wait seconds between re-reads of the secret).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbBuiltinRotationTest {
  static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
  static final int ROTATIONS = 20;
  static final ObjectMapper JSON = new ObjectMapper();

  MariaDbHolder db;
  TestServer server;
  SecretsManagerClient sm;

  @BeforeAll
  void start() {
    // The wrapper's class initializer builds a default SDK client, which needs a region; the
    // instances used here get a client pointed at Coffer.
    if (System.getProperty("aws.region") == null) {
      System.setProperty("aws.region", "us-east-1");
    }
    db = MariaDbHolder.get();
    db.asAdmin(
        "CREATE DATABASE rotdb",
        "CREATE TABLE rotdb.things (id INT)",
        "INSERT INTO rotdb.things VALUES (1)",
        "CREATE USER 'rot_app'@'%' IDENTIFIED BY 'app-initial-1' REQUIRE SSL",
        "GRANT SELECT ON rotdb.things TO 'rot_app'@'%'",
        "CREATE USER 'rot_appm'@'%' IDENTIFIED BY 'appm-initial-1' REQUIRE SSL",
        "GRANT SELECT ON rotdb.things TO 'rot_appm'@'%'",
        "CREATE USER 'rot_admin'@'%' IDENTIFIED BY 'admin-initial-1' REQUIRE SSL",
        "GRANT ALL PRIVILEGES ON *.* TO 'rot_admin'@'%' WITH GRANT OPTION",
        // Only over the unix socket: TCP logins of this user and of its clone are refused.
        "CREATE USER 'rot_local'@'localhost' IDENTIFIED BY 'local-initial-1'",
        "GRANT SELECT ON rotdb.things TO 'rot_local'@'localhost'");
    server = TestServer.start(Backend.SQLITE, Clock.systemUTC());
    sm = server.secretsManager();
  }

  @AfterAll
  void stop() {
    sm.close();
    server.close();
  }

  String secret(String user, String password, String... extra) {
    StringBuilder b =
        new StringBuilder("{\"engine\":\"mariadb\",\"host\":\"127.0.0.1\",\"port\":")
            .append(db.port())
            .append(",\"username\":\"")
            .append(user)
            .append("\",\"password\":\"")
            .append(password)
            .append("\",\"dbname\":\"rotdb\"");
    for (String e : extra) {
      b.append(',').append(e);
    }
    return b.append('}').toString();
  }

  JsonNode value(String name, String stage) throws Exception {
    return JSON.readTree(
        sm.getSecretValue(r -> r.secretId(name).versionStage(stage)).secretString());
  }

  String masterArn() {
    String name = "mariadb/rot_admin";
    try {
      return sm.describeSecret(r -> r.secretId(name)).arn();
    } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException e) {
      return sm.createSecret(r -> r.name(name).secretString(secret("rot_admin", "admin-initial-1")))
          .arn();
    }
  }

  /** Rotates {@code name} ROTATIONS times while a client connects through the JDBC wrapper. */
  void rotateWhileConnecting(String name, String function) throws Exception {
    AWSSecretsManagerMariaDBDriver wrapper =
        new AWSSecretsManagerMariaDBDriver(server.secretsManager());
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
                // The wrapper passes these on as defaults of another Properties, which the
                // MariaDB driver does not read: options go in the URL.
                Properties p = new Properties();
                p.setProperty("user", name);
                attempts.incrementAndGet();
                int startedAfter = finished.get();
                try (Connection c =
                        wrapper.connect(
                            "jdbc-secretsmanager:mariadb://127.0.0.1:"
                                + db.port()
                                + "/rotdb?sslMode=trust",
                            p);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM things")) {
                  rs.next();
                  if (rs.getInt(1) != 1) {
                    throw new IllegalStateException("unexpected count " + rs.getInt(1));
                  }
                  seenBySuccess.accumulateAndGet(startedAfter, Math::max);
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
        // Rotations are days apart in practice: the next starts once the client has connected
        // after this one (so the wrapper's cached secret is never two rotations behind).
        int done = finished.incrementAndGet();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seenBySuccess.get() < done && firstFailure.get() == null) {
          assertThat(System.nanoTime()).as("the client connected again").isLessThan(deadline);
          Thread.sleep(10);
        }
      }
    } finally {
      stop.set(true);
      client.join(Duration.ofSeconds(60));
    }
    assertThat(firstFailure.get()).isNull();
    assertThat(failures.get()).isZero();
    assertThat(attempts.get()).isGreaterThan(ROTATIONS);
  }

  void awaitCurrent(String name, String token, String before) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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
    sm.createSecret(r -> r.name("mariadb/app").secretString(secret("rot_app", "app-initial-1")));
    rotateWhileConnecting("mariadb/app", BuiltinRotators.MYSQL_SINGLE_USER);

    JsonNode now = value("mariadb/app", "AWSCURRENT");
    assertThat(now.path("username").asText()).isEqualTo("rot_app");
    assertThat(now.path("dbname").asText()).isEqualTo("rotdb");
    String password = now.path("password").asText();
    assertThat(password).isNotEqualTo("app-initial-1").hasSize(32);
    assertThat(db.logsIn("rot_app", password)).isTrue();
    // The user still requires TLS: the rotator changed the password over TLS.
    assertThat(db.logsInWithoutTls("rot_app", password)).isFalse();
    assertThat(db.logsIn("rot_app", "app-initial-1")).isFalse();
    JsonNode previous = value("mariadb/app", "AWSPREVIOUS");
    assertThat(db.logsIn("rot_app", previous.path("password").asText())).isFalse();
    assertThat(sm.describeSecret(r -> r.secretId("mariadb/app")).lastRotatedDate()).isNotNull();
  }

  @Test
  void alternatingUsers_twentyRotationsWhileConnecting_noConnectionFails() throws Exception {
    String master = masterArn();
    sm.createSecret(r ->
        r.name("mariadb/appm")
            .secretString(
                secret("rot_appm", "appm-initial-1", "\"masterarn\":\"" + master + "\"")));
    rotateWhileConnecting("mariadb/appm", BuiltinRotators.MYSQL_MULTI_USER);

    JsonNode now = value("mariadb/appm", "AWSCURRENT");
    // An even number of rotations comes back to the original user, with a new password.
    assertThat(now.path("username").asText()).isEqualTo("rot_appm");
    assertThat(now.path("masterarn").asText()).isEqualTo(master);
    assertThat(db.logsIn("rot_appm", now.path("password").asText())).isTrue();
    assertThat(db.logsIn("rot_appm", "appm-initial-1")).isFalse();
    JsonNode previous = value("mariadb/appm", "AWSPREVIOUS");
    assertThat(previous.path("username").asText()).isEqualTo("rot_appm_clone");
    String clonePassword = previous.path("password").asText();
    assertThat(db.logsIn("rot_appm_clone", clonePassword)).isTrue();
    // The clone got the current user's TLS requirement and grants, not more.
    assertThat(db.logsInWithoutTls("rot_appm_clone", clonePassword)).isFalse();
    assertThat(db.queryAsAdmin("SELECT ssl_type FROM mysql.user WHERE User = 'rot_appm_clone'"))
        .contains("ANY");
    assertThat(
            db.queryAsAdmin(
                "SELECT GROUP_CONCAT(Table_priv) FROM mysql.tables_priv"
                    + " WHERE User = 'rot_appm_clone' AND Db = 'rotdb'"))
        .contains("Select");
    assertThat(
            db.queryAsAdmin(
                "SELECT Create_user_priv FROM mysql.user WHERE User =" + " 'rot_appm_clone'"))
        .contains("N");
  }

  @Test
  void alternatingUsers_newUserCannotLogIn_testSecretFailsAndCurrentStays() throws Exception {
    String master = masterArn();
    var created =
        sm.createSecret(r ->
            r.name("mariadb/local")
                .secretString(
                    secret("rot_local", "local-initial-1", "\"masterarn\":\"" + master + "\"")));
    Map<String, Long> before = server.rotationMetrics();
    String token =
        sm.rotateSecret(r ->
                r.secretId("mariadb/local")
                    .rotationLambdaARN(ARN + BuiltinRotators.MYSQL_MULTI_USER))
            .versionId();

    // setSecret creates rot_local_clone@localhost; testSecret's TCP login with it is refused.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (delta(before, "coffer.rotation.events{event=RotationFailed,scheduled=false}") == 0) {
      assertThat(System.nanoTime()).as("testSecret failed in time").isLessThan(deadline);
      Thread.sleep(20);
    }
    Map<String, List<String>> stages =
        sm.describeSecret(r -> r.secretId("mariadb/local")).versionIdsToStages();
    assertThat(stages.get(token)).containsExactly("AWSPENDING");
    assertThat(stages.get(created.versionId())).containsExactly("AWSCURRENT");
    assertThat(value("mariadb/local", "AWSCURRENT").path("username").asText())
        .isEqualTo("rot_local");
    assertThat(db.queryAsAdmin("SELECT Host FROM mysql.user WHERE User = 'rot_local_clone'"))
        .contains("localhost");
    assertThat(delta(before, "coffer.rotation.steps{step=setSecret,result=succeeded}"))
        .isEqualTo(1);
    assertThat(delta(before, "coffer.rotation.steps{step=testSecret,result=failed}")).isEqualTo(1);
    assertThat(delta(before, "coffer.rotation.steps{step=finishSecret,result=succeeded}")).isZero();
  }

  long delta(Map<String, Long> before, String key) {
    return server.rotationMetrics().getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
  }
}
