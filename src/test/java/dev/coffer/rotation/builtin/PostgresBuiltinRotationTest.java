package dev.coffer.rotation.builtin;

import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import java.sql.Statement;
import java.time.Duration;
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

  @Override
  boolean logsIn(String user, String password) {
    return db.logsIn(user, password);
  }

  /** Rotates {@code name} ROTATIONS times while a client runs {@code query} through the wrapper. */
  void rotateWhileConnecting(String name, String function, String query) throws Exception {
    rotateWhileConnecting(
        name,
        function,
        new AWSSecretsManagerPostgreSQLDriver(server.secretsManager()),
        "jdbc-secretsmanager:postgresql://127.0.0.1:" + db.port() + "/postgres",
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

    assertRotatedInPlace("db/app", "app", "app-initial-1");
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
    assertAlternatedBack("db/appm", "appm", "appm-initial-1", masterArn);
  }
}
