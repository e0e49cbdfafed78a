package dev.coffer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Drives {@code ./coffer dev} with the AWS CLI, as a user would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCliEndToEndTest {
  DevServerProcess server;
  AwsCli aws;
  Path data;

  @BeforeAll
  void start() throws Exception {
    data = Files.createTempDirectory("coffer-e2e");
    server = DevServerProcess.start(data);
    aws = server.rootCli();
  }

  @AfterAll
  void stop() throws Exception {
    // SIGTERM runs the shutdown hook (stop listening, close the store); the JVM then exits with
    // the conventional 128 + 15.
    assertThat(server.stop()).as("exit status after SIGTERM").isEqualTo(143);
    server.close();
    // What was acknowledged before the stop is there after a restart on the same data directory.
    try (DevServerProcess again = DevServerProcess.start(data)) {
      AwsCli cli = again.rootCli();
      assertThat(
              cli.ok("secretsmanager", "get-secret-value", "--secret-id", "e2e/db")
                  .get("SecretString")
                  .asText())
          .isEqualTo("two");
      again.stop();
    }
  }

  @Test
  void devServer_printsEndpointAndRootCredentials() {
    assertThat(server.output.toString())
        .contains(server.endpoint())
        .contains("AWS_ACCESS_KEY_ID=" + DevServerProcess.ACCESS_KEY);
  }

  @Test
  void secretLifecycle_throughAwsCli_behavesLikeSecretsManager() {
    JsonNode created =
        aws.ok(
            "secretsmanager",
            "create-secret",
            "--name",
            "e2e/db",
            "--secret-string",
            "{\"password\":\"one\"}");
    assertThat(created.get("ARN").asText()).startsWith("arn:aws:secretsmanager:us-east-1:");

    JsonNode value = aws.ok("secretsmanager", "get-secret-value", "--secret-id", "e2e/db");
    assertThat(value.get("SecretString").asText()).isEqualTo("{\"password\":\"one\"}");

    aws.ok("secretsmanager", "put-secret-value", "--secret-id", "e2e/db", "--secret-string", "two");
    JsonNode previous =
        aws.ok(
            "secretsmanager",
            "get-secret-value",
            "--secret-id",
            "e2e/db",
            "--version-stage",
            "AWSPREVIOUS");
    assertThat(previous.get("SecretString").asText()).contains("one");

    aws.ok(
        "secretsmanager", "tag-resource", "--secret-id", "e2e/db", "--tags", "Key=team,Value=blue");
    JsonNode described = aws.ok("secretsmanager", "describe-secret", "--secret-id", "e2e/db");
    assertThat(described.get("Tags").get(0).get("Value").asText()).isEqualTo("blue");
    assertThat(described.get("VersionIdsToStages").size()).isEqualTo(2);

    JsonNode deleted =
        aws.ok(
            "secretsmanager",
            "delete-secret",
            "--secret-id",
            "e2e/db",
            "--recovery-window-in-days",
            "7");
    assertThat(deleted.has("DeletionDate")).isTrue();
    AwsCli.Result refused = aws.run("secretsmanager", "get-secret-value", "--secret-id", "e2e/db");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("InvalidRequestException").contains("marked for deletion");
    aws.ok("secretsmanager", "restore-secret", "--secret-id", "e2e/db");
    assertThat(
            aws.ok("secretsmanager", "get-secret-value", "--secret-id", "e2e/db")
                .get("SecretString")
                .asText())
        .isEqualTo("two");
  }

  @Test
  void listSecretsWithFilters_andGetRandomPassword_throughAwsCli() {
    for (String name : new String[] {"e2e-list/alpha", "e2e-list/beta", "e2e-other/gamma"}) {
      aws.ok(
          "secretsmanager",
          "create-secret",
          "--name",
          name,
          "--secret-string",
          "v",
          "--tags",
          "Key=team,Value=" + (name.endsWith("beta") ? "red" : "blue"));
    }
    // --page-size 1 makes the CLI follow NextToken across pages.
    JsonNode listed =
        aws.ok(
            "secretsmanager",
            "list-secrets",
            "--filters",
            "Key=name,Values=e2e-list/",
            "Key=tag-value,Values=blue",
            "--sort-by",
            "name",
            "--page-size",
            "1");
    assertThat(listed.get("SecretList").size()).isEqualTo(1);
    assertThat(listed.get("SecretList").get(0).get("Name").asText()).isEqualTo("e2e-list/alpha");

    JsonNode all =
        aws.ok(
            "secretsmanager",
            "list-secrets",
            "--filters",
            "Key=name,Values=e2e-list/",
            "--sort-order",
            "desc",
            "--page-size",
            "1");
    assertThat(all.get("SecretList").findValuesAsText("Name"))
        .containsExactly("e2e-list/beta", "e2e-list/alpha");

    JsonNode password =
        aws.ok(
            "secretsmanager",
            "get-random-password",
            "--password-length",
            "24",
            "--exclude-punctuation");
    assertThat(password.get("RandomPassword").asText()).matches("[A-Za-z0-9]{24}");
  }

  @Test
  void unknownSecret_throughAwsCli_reportsResourceNotFound() {
    AwsCli.Result r = aws.run("secretsmanager", "describe-secret", "--secret-id", "no-such-secret");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err())
        .contains("ResourceNotFoundException")
        .contains("can't find the specified secret");
  }

  @Test
  void kmsKeyLifecycle_throughAwsCli_encryptsAndDecrypts() throws Exception {
    JsonNode key = aws.ok("kms", "create-key", "--description", "e2e key").get("KeyMetadata");
    String keyId = key.get("KeyId").asText();
    assertThat(key.get("KeySpec").asText()).isEqualTo("SYMMETRIC_DEFAULT");
    aws.ok("kms", "create-alias", "--alias-name", "alias/e2e", "--target-key-id", keyId);
    Path plain = Files.createTempFile(data, "plain", ".bin");
    Files.writeString(plain, "e2e plaintext");
    JsonNode enc =
        aws.ok(
            "kms",
            "encrypt",
            "--key-id",
            "alias/e2e",
            "--plaintext",
            "fileb://" + plain,
            "--encryption-context",
            "app=e2e");
    assertThat(enc.get("KeyId").asText()).endsWith(":key/" + keyId);
    Path blob = Files.createTempFile(data, "blob", ".bin");
    Files.write(blob, java.util.Base64.getDecoder().decode(enc.get("CiphertextBlob").asText()));
    JsonNode dec =
        aws.ok(
            "kms",
            "decrypt",
            "--ciphertext-blob",
            "fileb://" + blob,
            "--encryption-context",
            "app=e2e");
    assertThat(new String(java.util.Base64.getDecoder().decode(dec.get("Plaintext").asText())))
        .isEqualTo("e2e plaintext");

    AwsCli.Result wrongContext = aws.run("kms", "decrypt", "--ciphertext-blob", "fileb://" + blob);
    assertThat(wrongContext.exit()).isNotZero();
    assertThat(wrongContext.err()).contains("InvalidCiphertextException");
    aws.ok("kms", "disable-key", "--key-id", keyId);
    AwsCli.Result disabled =
        aws.run("kms", "encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plain);
    assertThat(disabled.exit()).isNotZero();
    assertThat(disabled.err()).contains("DisabledException").contains("is disabled");
  }
}
