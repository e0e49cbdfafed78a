package dev.coffer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.testing.MariaDbHolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code aws secretsmanager rotate-secret} with built-in rotators, against {@code ./coffer dev}:
 * the random-password rotator, and the MySQL/MariaDB single-user rotator against a real MariaDB
 * ({@link MariaDbHolder}), whose new password then logs in.
 */
class RotationEndToEndTest {
  static final String MYSQL_SINGLE_USER =
      "arn:aws:lambda:us-east-1:123456789012:function:coffer-mysql-single-user";
  static final String RANDOM_PASSWORD =
      "arn:aws:lambda:us-east-1:123456789012:function:coffer-random-password";

  /**
   * The SecretString of {@code id}'s current version, parsed, once the rotation that made {@code
   * version} has finished (polled for up to {@code patience}).
   */
  static JsonNode awaitCurrent(AwsCli aws, String id, String version, Duration patience)
      throws Exception {
    JsonNode value = null;
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      value = aws.ok("secretsmanager", "get-secret-value", "--secret-id", id);
      if (value.get("VersionId").asText().equals(version)) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(value).isNotNull();
    assertThat(value.get("VersionId").asText()).isEqualTo(version);
    return new ObjectMapper().readTree(value.get("SecretString").asText());
  }

  @Test
  void rotateSecret_builtinRandomPassword_getSecretValueShowsNewPassword() throws Exception {
    Path data = Files.createTempDirectory("coffer-e2e-rotation");
    try (DevServerProcess server = DevServerProcess.start(data)) {
      AwsCli aws = server.rootCli();
      aws.ok(
          "secretsmanager",
          "create-secret",
          "--name",
          "e2e/rotated",
          "--secret-string",
          "{\"username\":\"app\",\"password\":\"initial\","
              + "\"passwordOptions\":{\"PasswordLength\":20,\"ExcludePunctuation\":true}}");
      JsonNode rotated =
          aws.ok(
              "secretsmanager",
              "rotate-secret",
              "--secret-id",
              "e2e/rotated",
              "--rotation-lambda-arn",
              RANDOM_PASSWORD,
              "--rotation-rules",
              "{\"ScheduleExpression\":\"rate(10 days)\"}");
      String version = rotated.get("VersionId").asText();

      JsonNode secret = awaitCurrent(aws, "e2e/rotated", version, Duration.ofSeconds(30));
      assertThat(secret.get("username").asText()).isEqualTo("app");
      assertThat(secret.get("password").asText())
          .isNotEqualTo("initial")
          .hasSize(20)
          .matches("[A-Za-z0-9]+");
      JsonNode described =
          aws.ok("secretsmanager", "describe-secret", "--secret-id", "e2e/rotated");
      assertThat(described.get("RotationEnabled").asBoolean()).isTrue();
      assertThat(described.has("LastRotatedDate")).isTrue();
      assertThat(described.get("NextRotationDate")).isNotNull();
      server.stop();
    }
  }

  @Test
  void rotateSecret_builtinMysqlSingleUser_newPasswordLogsInToMariaDb() throws Exception {
    MariaDbHolder db = MariaDbHolder.get();
    db.asAdmin(
        "CREATE DATABASE IF NOT EXISTS e2edb",
        "CREATE USER 'e2e_app'@'%' IDENTIFIED BY 'e2e-initial-1' REQUIRE SSL",
        "GRANT SELECT ON e2edb.* TO 'e2e_app'@'%'");
    Path data = Files.createTempDirectory("coffer-e2e-mariadb");
    try (DevServerProcess server = DevServerProcess.start(data)) {
      AwsCli aws = server.rootCli();
      aws.ok(
          "secretsmanager",
          "create-secret",
          "--name",
          "e2e/mariadb",
          "--secret-string",
          "{\"engine\":\"mariadb\",\"host\":\"127.0.0.1\",\"port\":"
              + db.port()
              + ",\"username\":\"e2e_app\",\"password\":\"e2e-initial-1\",\"dbname\":\"e2edb\"}");
      JsonNode rotated =
          aws.ok(
              "secretsmanager",
              "rotate-secret",
              "--secret-id",
              "e2e/mariadb",
              "--rotation-lambda-arn",
              MYSQL_SINGLE_USER);
      String version = rotated.get("VersionId").asText();

      JsonNode secret = awaitCurrent(aws, "e2e/mariadb", version, Duration.ofSeconds(60));
      assertThat(secret.get("username").asText()).isEqualTo("e2e_app");
      String password = secret.get("password").asText();
      assertThat(password).isNotEqualTo("e2e-initial-1").hasSize(32);
      // A JDBC login (over TLS; the user requires it) with what get-secret-value showed.
      assertThat(db.logsIn("e2e_app", password)).isTrue();
      assertThat(db.logsIn("e2e_app", "e2e-initial-1")).isFalse();
      server.stop();
    }
  }
}
