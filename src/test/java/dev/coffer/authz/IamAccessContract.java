package dev.coffer.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Access control for identities made through the IAM and STS APIs (AWS SDK IamClient and
 * StsClient), on each backend: their policies reach the authorizer unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IamAccessContract {
  static final String ACCOUNT = TestServer.ACCOUNT;

  TestServer server;
  IamClient iam;
  SecretsManagerClient root;

  abstract Backend backend();

  @BeforeAll
  void startServer() {
    server = TestServer.start(backend());
    iam = server.iam();
    root = server.secretsManager();
  }

  @AfterAll
  void stopServer() {
    iam.close();
    root.close();
    server.close();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String errorCode(Throwable e) {
    return ((SecretsManagerException) e).awsErrorDetails().errorCode();
  }

  static Tag tag(String k, String v) {
    return Tag.builder().key(k).value(v).build();
  }

  @Test
  void iamUser_limitedToTeamBlue_readsBlueOnly() {
    String blue = unique("blue");
    String red = unique("red");
    root.createSecret(b -> b.name(blue).secretString("b").tags(tag("team", "blue")));
    root.createSecret(b -> b.name(red).secretString("r").tags(tag("team", "red")));
    String user = unique("alice");
    iam.createUser(b -> b.userName(user));
    iam.putUserPolicy(b ->
        b.userName(user)
            .policyName("blue")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":\
                {"StringEquals":{"secretsmanager:ResourceTag/team":"blue"}}}]}\
                """));
    AccessKey key = iam.createAccessKey(b -> b.userName(user)).accessKey();
    try (SecretsManagerClient sm =
        server.secretsManager(
            AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
      assertThat(sm.getSecretValue(b -> b.secretId(blue)).secretString()).isEqualTo("b");
      assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(red)))
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
    }
  }

  @Test
  void assumedRole_allowedOnlyAwsCurrent_readsOnlyThatStage() {
    String secret = unique("staged");
    root.createSecret(b -> b.name(secret).secretString("old"));
    root.putSecretValue(b -> b.secretId(secret).secretString("new"));
    String user = unique("assumer");
    iam.createUser(b -> b.userName(user));
    iam.putUserPolicy(b ->
        b.userName(user)
            .policyName("assume")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Action":"sts:AssumeRole","Resource":"*"}]}\
                """));
    AccessKey key = iam.createAccessKey(b -> b.userName(user)).accessKey();
    String role = unique("reader");
    String roleArn =
        iam.createRole(b ->
                b.roleName(role)
                    .assumeRolePolicyDocument(
                        """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                        "Principal":{"AWS":"arn:aws:iam::%s:user/%s"},\
                        "Action":"sts:AssumeRole"}]}\
                        """
                            .formatted(ACCOUNT, user)))
            .role()
            .arn();
    iam.putRolePolicy(b ->
        b.roleName(role)
            .policyName("current-only")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":\
                {"StringEquals":{"secretsmanager:VersionStage":"AWSCURRENT"}}}]}\
                """));
    Credentials c;
    try (StsClient sts =
        server.sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
      c = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("s1")).credentials();
    }
    try (SecretsManagerClient sm =
        server.secretsManager(
            AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
      assertThat(
              sm.getSecretValue(b -> b.secretId(secret).versionStage("AWSCURRENT")).secretString())
          .isEqualTo("new");
      assertThatThrownBy(
              () -> sm.getSecretValue(b -> b.secretId(secret).versionStage("AWSPREVIOUS")))
          .satisfies(e -> {
            assertThat(errorCode(e)).isEqualTo("AccessDeniedException");
            assertThat(((SecretsManagerException) e).awsErrorDetails().errorMessage())
                .startsWith("User: arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/s1 ");
          });
    }
  }
}
