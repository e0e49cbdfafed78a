package dev.coffer.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.Backend;
import dev.coffer.testing.TestPrincipal;
import dev.coffer.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Key policies through the AWS SDK for Java v2, on each backend: the KMS API authorized against the
 * key policy and identity policies, and the key use Secrets Manager makes for its caller
 * (kms:ViaService, encryption context), including cross-account reads that need the identity
 * policy, the secret's resource policy and the key policy, and the AWS managed key's refusal of
 * other accounts (compliance-and-iam.md §4.6).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KmsAccessContract {
  static final String ACCOUNT = TestServer.ACCOUNT;
  static final String OTHER = "210987654321";

  TestServer server;
  SecretsManagerClient sm;
  KmsClient kms;

  abstract Backend backend();

  @BeforeAll
  void startServer() {
    server = TestServer.start(backend());
    sm = server.secretsManager();
    kms = server.kms();
  }

  @AfterAll
  void stopServer() {
    sm.close();
    kms.close();
    server.close();
  }

  static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String policy(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  static String rootStatement() {
    return """
    {"Sid":"Enable IAM User Permissions","Effect":"Allow",\
    "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kms:*","Resource":"*"}\
    """
        .formatted(ACCOUNT);
  }

  static String smError(Throwable e) {
    return ((SecretsManagerException) e).awsErrorDetails().errorCode();
  }

  static String smMessage(Throwable e) {
    return ((SecretsManagerException) e).awsErrorDetails().errorMessage();
  }

  static String kmsError(Throwable e) {
    return ((KmsException) e).awsErrorDetails().errorCode();
  }

  String newKey(String keyPolicy) {
    return kms.createKey(b -> b.policy(keyPolicy)).keyMetadata().arn();
  }

  /** A secret of ACCOUNT under {@code keyArn} (empty: the default key) shared with OTHER. */
  String sharedSecret(String keyArn, String value) {
    String secret = name("xacct");
    String arn =
        sm.createSecret(
                b -> {
                  b.name(secret).secretString(value);
                  if (!keyArn.isEmpty()) {
                    b.kmsKeyId(keyArn);
                  }
                })
            .arn();
    sm.putResourcePolicy(b ->
        b.secretId(arn)
            .resourcePolicy(
                policy(
                    """
                    {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},\
                    "Action":"secretsmanager:GetSecretValue","Resource":"*"}\
                    """
                        .formatted(OTHER))));
    return arn;
  }

  TestPrincipal otherUser(String... statements) {
    return server.addUser(OTHER, name("ext"), List.of(policy(statements)), Map.of());
  }

  @Test
  void crossAccountRead_identityResourceAndKeyPolicyAllow_reads() {
    String key =
        newKey(
            policy(
                rootStatement(),
                """
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},\
                "Action":"kms:Decrypt","Resource":"*"}\
                """
                    .formatted(OTHER)));
    String arn = sharedSecret(key, "for-the-other-account");
    TestPrincipal both =
        otherUser(
            """
            {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"%s"}\
            """
                .formatted(arn),
            """
            {"Effect":"Allow","Action":"kms:Decrypt","Resource":"%s"}\
            """
                .formatted(key));
    try (SecretsManagerClient other = both.secretsManager()) {
      assertThat(other.getSecretValue(b -> b.secretId(arn)).secretString())
          .isEqualTo("for-the-other-account");
    }
    // Without kms:Decrypt in its own identity policy, the other account's user is refused by KMS.
    TestPrincipal noKms =
        otherUser(
            """
            {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"%s"}\
            """
                .formatted(arn));
    try (SecretsManagerClient other = noKms.secretsManager()) {
      assertThatThrownBy(() -> other.getSecretValue(b -> b.secretId(arn)))
          .satisfies(e -> {
            assertThat(smError(e)).isEqualTo("AccessDeniedException");
            assertThat(smMessage(e)).startsWith("Access to KMS is not allowed.");
          });
    }
  }

  @Test
  void crossAccountRead_keyPolicyDoesNotNameTheAccount_denied() {
    String key = newKey(policy(rootStatement()));
    String arn = sharedSecret(key, "v");
    TestPrincipal both =
        otherUser(
            """
            {"Effect":"Allow","Action":["secretsmanager:GetSecretValue","kms:Decrypt"],\
            "Resource":"*"}\
            """);
    try (SecretsManagerClient other = both.secretsManager()) {
      assertThatThrownBy(() -> other.getSecretValue(b -> b.secretId(arn)))
          .satisfies(e ->
              assertThat(smMessage(e))
                  .startsWith("Access to KMS is not allowed.")
                  .endsWith("because no resource-based policy allows the kms:Decrypt action"));
    }
  }

  @Test
  void crossAccountRead_defaultKey_refused() {
    String arn = sharedSecret("", "default-key-value");
    TestPrincipal both =
        otherUser(
            """
            {"Effect":"Allow","Action":["secretsmanager:GetSecretValue","kms:*"],\
            "Resource":"*"}\
            """);
    try (SecretsManagerClient other = both.secretsManager()) {
      assertThatThrownBy(() -> other.getSecretValue(b -> b.secretId(arn)))
          .satisfies(e -> {
            assertThat(smError(e)).isEqualTo("AccessDeniedException");
            assertThat(smMessage(e)).contains("aws/secretsmanager");
          });
    }
    // The other account's root, too.
    try (SecretsManagerClient other = server.addRoot(OTHER).secretsManager()) {
      assertThatThrownBy(() -> other.getSecretValue(b -> b.secretId(arn)))
          .satisfies(e -> assertThat(smError(e)).isEqualTo("AccessDeniedException"));
    }
  }

  @Test
  void sameAccountUser_defaultKey_usableThroughSecretsManagerOnly() {
    String secret = name("dflt");
    sm.createSecret(b -> b.name(secret).secretString("v"));
    TestPrincipal user =
        server.addUser(
            ACCOUNT,
            name("reader"),
            List.of(
                policy(
                    """
                    {"Effect":"Allow","Action":["secretsmanager:GetSecretValue",\
                    "kms:GenerateDataKey"],"Resource":"*"}\
                    """)),
            Map.of());
    try (SecretsManagerClient s = user.secretsManager();
        KmsClient k = user.kms()) {
      assertThat(s.getSecretValue(b -> b.secretId(secret)).secretString()).isEqualTo("v");
      assertThatThrownBy(
              () -> k.generateDataKey(b -> b.keyId("alias/aws/secretsmanager").numberOfBytes(32)))
          .satisfies(e -> assertThat(kmsError(e)).isEqualTo("AccessDeniedException"));
    }
  }

  @Test
  void keyPolicy_encryptionContextCondition_limitsWhichSecretsAUserReads() {
    String prodPrefix = "prod/" + name("app");
    String key =
        newKey(
            policy(
                rootStatement(),
                """
                {"Effect":"Allow","Principal":{"AWS":"*"},\
                "Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"*",\
                "Condition":{"StringLike":{"kms:EncryptionContext:SecretARN":\
                "arn:aws:secretsmanager:*:%s:secret:%s*"},\
                "StringEquals":{"kms:CallerAccount":"%s",\
                "kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"}}}\
                """
                    .formatted(ACCOUNT, prodPrefix, ACCOUNT)));
    String prod = prodPrefix + "/db";
    String dev = name("dev");
    sm.createSecret(b -> b.name(prod).secretString("prod-value").kmsKeyId(key));
    sm.createSecret(b -> b.name(dev).secretString("dev-value").kmsKeyId(key));
    TestPrincipal app =
        server.addUser(
            ACCOUNT,
            name("app"),
            List.of(
                policy(
                    """
                    {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}\
                    """)),
            Map.of());
    try (SecretsManagerClient s = app.secretsManager()) {
      assertThat(s.getSecretValue(b -> b.secretId(prod)).secretString()).isEqualTo("prod-value");
      assertThatThrownBy(() -> s.getSecretValue(b -> b.secretId(dev)))
          .satisfies(e -> assertThat(smMessage(e)).startsWith("Access to KMS is not allowed."));
    }
  }

  @Test
  void putSecretValue_keyPolicyRefusesGenerateDataKey_changesNothing() {
    String key =
        newKey(
            policy(
                rootStatement(),
                """
                {"Effect":"Deny","Principal":{"AWS":"*"},"Action":"kms:GenerateDataKey*",\
                "Resource":"*","Condition":{"StringEquals":{"aws:PrincipalType":"User"}}}\
                """));
    String secret = name("locked");
    sm.createSecret(b -> b.name(secret).secretString("original").kmsKeyId(key));
    TestPrincipal writer =
        server.addUser(
            ACCOUNT,
            name("writer"),
            List.of(
                policy(
                    """
                    {"Effect":"Allow","Action":["secretsmanager:PutSecretValue","kms:*"],\
                    "Resource":"*"}\
                    """)),
            Map.of());
    try (SecretsManagerClient s = writer.secretsManager()) {
      assertThatThrownBy(() -> s.putSecretValue(b -> b.secretId(secret).secretString("new")))
          .satisfies(e -> assertThat(smError(e)).isEqualTo("AccessDeniedException"));
    }
    assertThat(sm.getSecretValue(b -> b.secretId(secret)).secretString()).isEqualTo("original");
    assertThat(sm.listSecretVersionIds(b -> b.secretId(secret)).versions()).hasSize(1);
  }

  @Test
  void kmsApi_identityPolicyCountsOnlyWhenKeyPolicyNamesTheAccount() {
    String enabled = newKey(policy(rootStatement()));
    String closed =
        newKey(
            policy(
                """
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},\
                "Action":["kms:Describe*","kms:Get*","kms:PutKeyPolicy"],"Resource":"*"}\
                """
                    .formatted(ACCOUNT)));
    TestPrincipal user =
        server.addUser(
            ACCOUNT,
            name("crypto"),
            List.of(
                policy(
                    """
                    {"Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt","kms:DescribeKey"],\
                    "Resource":"*"}\
                    """)),
            Map.of());
    try (KmsClient k = user.kms()) {
      SdkBytes blob =
          k.encrypt(b -> b.keyId(enabled).plaintext(SdkBytes.fromUtf8String("hi")))
              .ciphertextBlob();
      assertThat(k.decrypt(b -> b.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("hi");
      assertThatThrownBy(
              () -> k.encrypt(b -> b.keyId(closed).plaintext(SdkBytes.fromUtf8String("hi"))))
          .satisfies(e -> assertThat(kmsError(e)).isEqualTo("AccessDeniedException"));
      // Not in the identity policy at all.
      assertThatThrownBy(() -> k.disableKey(b -> b.keyId(enabled)))
          .satisfies(e -> assertThat(kmsError(e)).isEqualTo("AccessDeniedException"));
      assertThatThrownBy(() -> k.createKey(b -> b.description("x")))
          .satisfies(e -> assertThat(kmsError(e)).isEqualTo("AccessDeniedException"));
    }
    // The root of the account is bound by the key policy too: it may not encrypt with `closed`.
    assertThatThrownBy(
            () -> kms.encrypt(b -> b.keyId(closed).plaintext(SdkBytes.fromUtf8String("hi"))))
        .satisfies(e ->
            assertThat(((KmsException) e).awsErrorDetails().errorMessage())
                .endsWith("because no resource-based policy allows the kms:Encrypt action"));
    assertThat(kms.describeKey(b -> b.keyId(closed)).keyMetadata().arn()).isEqualTo(closed);
  }
}
