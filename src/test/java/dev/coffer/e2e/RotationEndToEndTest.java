package dev.coffer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code aws secretsmanager rotate-secret} with a built-in rotator, against {@code ./coffer dev}.
 */
class RotationEndToEndTest {
  static final String RANDOM_PASSWORD =
      "arn:aws:lambda:us-east-1:123456789012:function:coffer-random-password";

  @Test
  void rotateSecret_builtinRandomPassword_getSecretValueShowsNewPassword() throws Exception {
    Path data = Files.createTempDirectory("coffer-e2e-rotation");
    try (DevServerProcess server = DevServerProcess.start(data)) {
      AwsCli aws =
          new AwsCli(
              server.endpoint(),
              DevServerProcess.ACCESS_KEY,
              DevServerProcess.SECRET_KEY,
              "us-east-1");
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

      JsonNode value = null;
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline) {
        value = aws.ok("secretsmanager", "get-secret-value", "--secret-id", "e2e/rotated");
        if (value.get("VersionId").asText().equals(version)) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(value).isNotNull();
      assertThat(value.get("VersionId").asText()).isEqualTo(version);
      JsonNode secret = new ObjectMapper().readTree(value.get("SecretString").asText());
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
}
