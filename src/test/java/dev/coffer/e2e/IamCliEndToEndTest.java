package dev.coffer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Manages identities of {@code ./coffer dev} with {@code aws iam} and {@code aws sts}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamCliEndToEndTest {
  static final String ACCOUNT = "123456789012";
  DevServerProcess server;
  AwsCli aws;

  @BeforeAll
  void start() throws Exception {
    Path data = Files.createTempDirectory("coffer-e2e-iam");
    server = DevServerProcess.start(data);
    aws = server.rootCli();
  }

  @AfterAll
  void stop() throws Exception {
    server.stop();
    server.close();
  }

  @Test
  void iamUser_accessKey_andAssumedRole_workThroughTheCli() {
    assertThat(aws.ok("sts", "get-caller-identity").get("Arn").asText())
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");

    JsonNode user = aws.ok("iam", "create-user", "--user-name", "deployer").get("User");
    assertThat(user.get("Arn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/deployer");
    aws.ok(
        "iam",
        "put-user-policy",
        "--user-name",
        "deployer",
        "--policy-name",
        "assume",
        "--policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}");
    JsonNode key = aws.ok("iam", "create-access-key", "--user-name", "deployer").get("AccessKey");
    assertThat(
            aws.ok("iam", "list-access-keys", "--user-name", "deployer")
                .get("AccessKeyMetadata")
                .get(0)
                .get("AccessKeyId")
                .asText())
        .isEqualTo(key.get("AccessKeyId").asText());

    AwsCli asUser =
        new AwsCli(
            server.endpoint(),
            key.get("AccessKeyId").asText(),
            key.get("SecretAccessKey").asText(),
            "us-east-1");
    assertThat(asUser.ok("sts", "get-caller-identity").get("Arn").asText())
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/deployer");
    // No identity policy grants iam:ListUsers: the CLI reports AccessDenied.
    AwsCli.Result denied = asUser.run("iam", "list-users");
    assertThat(denied.exit()).isNotZero();
    assertThat(denied.err()).contains("AccessDenied");

    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::"
            + ACCOUNT
            + ":user/deployer\"},\"Action\":\"sts:AssumeRole\"}]}";
    JsonNode role =
        aws.ok("iam", "create-role", "--role-name", "ci", "--assume-role-policy-document", trust)
            .get("Role");
    // The CLI decodes the URL-encoded document IAM returns.
    assertThat(aws.ok("iam", "get-role", "--role-name", "ci").get("Role").toString())
        .contains("sts:AssumeRole");
    JsonNode creds =
        asUser
            .ok(
                "sts",
                "assume-role",
                "--role-arn",
                role.get("Arn").asText(),
                "--role-session-name",
                "pipeline")
            .get("Credentials");
    AwsCli asRole =
        new AwsCli(
            server.endpoint(),
            creds.get("AccessKeyId").asText(),
            creds.get("SecretAccessKey").asText(),
            "us-east-1",
            creds.get("SessionToken").asText());
    assertThat(asRole.ok("sts", "get-caller-identity").get("Arn").asText())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/ci/pipeline");

    AwsCli.Result missing = aws.run("iam", "get-user", "--user-name", "nobody");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("NoSuchEntity");
  }
}
