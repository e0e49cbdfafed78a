package dev.coffer.rotation.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.sql.AWSSecretsManagerMariaDBDriver;
import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.testing.MariaDbHolder;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

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
class MariaDbBuiltinRotationTest extends WrapperRotationContract {
  MariaDbHolder db;

  @BeforeAll
  void start() {
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
    startServer();
  }

  @AfterAll
  void stop() {
    stopServer();
  }

  @Override
  String engine() {
    return "mariadb";
  }

  @Override
  int port() {
    return db.port();
  }

  @Override
  String dbname() {
    return "rotdb";
  }

  @Override
  Duration patience() {
    return Duration.ofSeconds(60);
  }

  @Override
  boolean logsIn(String user, String password) {
    return db.logsIn(user, password);
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

  /** Rotates {@code name} ROTATIONS times while a client reads rotdb.things through the wrapper. */
  void rotateWhileConnecting(String name, String function) throws Exception {
    rotateWhileConnecting(
        name,
        function,
        new AWSSecretsManagerMariaDBDriver(server.secretsManager()),
        "jdbc-secretsmanager:mariadb://127.0.0.1:" + db.port() + "/rotdb?sslMode=trust",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT count(*) FROM things")) {
            rs.next();
            if (rs.getInt(1) != 1) {
              throw new IllegalStateException("unexpected count " + rs.getInt(1));
            }
          }
        });
  }

  @Test
  void singleUser_twentyRotationsWhileConnecting_noConnectionFails() throws Exception {
    sm.createSecret(r -> r.name("mariadb/app").secretString(secret("rot_app", "app-initial-1")));
    rotateWhileConnecting("mariadb/app", BuiltinRotators.MYSQL_SINGLE_USER);

    JsonNode now = assertRotatedInPlace("mariadb/app", "rot_app", "app-initial-1");
    assertThat(now.path("dbname").asText()).isEqualTo("rotdb");
    // The user still requires TLS: the rotator changed the password over TLS.
    assertThat(db.logsInWithoutTls("rot_app", now.path("password").asText())).isFalse();
    JsonNode previous = value("mariadb/app", "AWSPREVIOUS");
    assertThat(db.logsIn("rot_app", previous.path("password").asText())).isFalse();
  }

  @Test
  void alternatingUsers_twentyRotationsWhileConnecting_noConnectionFails() throws Exception {
    String master = masterArn();
    sm.createSecret(r ->
        r.name("mariadb/appm")
            .secretString(
                secret("rot_appm", "appm-initial-1", "\"masterarn\":\"" + master + "\"")));
    rotateWhileConnecting("mariadb/appm", BuiltinRotators.MYSQL_MULTI_USER);

    JsonNode previous = assertAlternatedBack("mariadb/appm", "rot_appm", "appm-initial-1", master);
    // The clone got the current user's TLS requirement and grants, not more.
    assertThat(db.logsInWithoutTls("rot_appm_clone", previous.path("password").asText())).isFalse();
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
