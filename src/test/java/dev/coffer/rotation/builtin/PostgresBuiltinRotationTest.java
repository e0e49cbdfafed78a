package dev.coffer.rotation.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The built-in PostgreSQL rotators against a real PostgreSQL user, while a client keeps connecting
 * through the AWS Secrets Manager JDBC wrapper pointed at Coffer: no connection attempt fails
 * across 20 rotations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresBuiltinRotationTest extends WrapperRotationContract {
  PasswordAuthPostgres db;

  @BeforeAll
  void start() {
    db = PasswordAuthPostgres.start();
    db.asSuperuser(
        "CREATE ROLE app LOGIN PASSWORD 'app-initial-1'",
        "CREATE ROLE appm LOGIN PASSWORD 'appm-initial-1'",
        "CREATE TABLE things (id int)",
        "GRANT SELECT ON things TO appm",
        "CREATE ROLE admin LOGIN SUPERUSER PASSWORD 'admin-initial-1'");
    startServer();
  }

  @AfterAll
  void stop() throws Exception {
    stopServer();
    db.close();
  }

  @Override
  String engine() {
    return "postgres";
  }

  @Override
  int port() {
    return db.port();
  }

  @Override
  String dbname() {
    return "postgres";
  }

  @Override
  Duration patience() {
    return Duration.ofSeconds(30);
  }

  /**
   * Paced like MariaDB's: back to back, 20 single-user rotations outran the PostgreSQL wrapper on a
   * loaded machine once commits got faster (its retries fetch the secret and reconnect, and each
   * password was replaced before it could use it).
   */
  @Override
  boolean paced() {
    return true;
  }

  JsonNode current(String name) throws Exception {
    return value(name, "AWSCURRENT");
  }

  /** Rotates {@code name} ROTATIONS times while a client runs {@code query} through the wrapper. */
  void rotateWhileConnecting(String name, String function, String query) throws Exception {
    AWSSecretsManagerPostgreSQLDriver wrapper =
        new AWSSecretsManagerPostgreSQLDriver(server.secretsManager());
    rotateWhileConnecting(
        name,
        function,
        user -> {
          Properties p = new Properties();
          p.setProperty("user", user);
          return wrapper.connect(
              "jdbc-secretsmanager:postgresql://127.0.0.1:" + db.port() + "/postgres", p);
        },
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(query);
          }
        });
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
    JsonNode previous = value("db/appm", "AWSPREVIOUS");
    assertThat(previous.path("username").asText()).isEqualTo("appm_clone");
    assertThat(db.logsIn("appm_clone", previous.path("password").asText())).isTrue();
  }
}
