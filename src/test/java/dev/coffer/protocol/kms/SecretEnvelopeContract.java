package dev.coffer.protocol.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.EncryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Secret values under the KMS envelope, driven through both SDK clients: the AWS managed default
 * key, customer keys named every way Secrets Manager accepts, key state changes surfacing as
 * EncryptionFailure and DecryptionFailure, re-encryption on a key change, and key rotation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecretEnvelopeContract {
  TestServer server;
  KmsClient kms;
  SecretsManagerClient sm;

  abstract Backend backend();

  @BeforeAll
  void startServer() {
    server = TestServer.start(backend());
    kms = server.kms();
    sm = server.secretsManager();
  }

  @AfterAll
  void stopServer() {
    kms.close();
    sm.close();
    server.close();
  }

  static String name() {
    return "env/" + UUID.randomUUID();
  }

  KeyMetadata newKey() {
    return kms.createKey(b -> {}).keyMetadata();
  }

  List<String> currentKeyIds(String secret) {
    return sm.listSecretVersionIds(b -> b.secretId(secret)).versions().stream()
        .filter(v -> v.versionStages().contains("AWSCURRENT"))
        .findFirst()
        .orElseThrow()
        .kmsKeyIds();
  }

  @Test
  void createSecret_withoutKmsKeyId_usesTheAwsManagedKey() {
    String name = name();
    sm.createSecret(b -> b.name(name).secretString("default-key value"));
    KeyMetadata dflt = kms.describeKey(b -> b.keyId("alias/aws/secretsmanager")).keyMetadata();
    assertThat(currentKeyIds(name)).containsExactly(dflt.arn());
    assertThat(sm.describeSecret(b -> b.secretId(name)).kmsKeyId()).isNull();
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString())
        .isEqualTo("default-key value");
  }

  @Test
  void createSecret_customerKeyByIdArnAliasAndAliasArn_readsBack() {
    KeyMetadata k = newKey();
    String alias = "alias/secrets-" + UUID.randomUUID();
    kms.createAlias(b -> b.aliasName(alias).targetKeyId(k.keyId()));
    String aliasArn = "arn:aws:kms:us-east-1:" + TestServer.ACCOUNT + ":" + alias;
    for (String ref : List.of(k.keyId(), k.arn(), alias, aliasArn)) {
      String name = name();
      sm.createSecret(b -> b.name(name).kmsKeyId(ref).secretString("under " + ref));
      assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("under " + ref);
      assertThat(sm.describeSecret(b -> b.secretId(name)).kmsKeyId()).isEqualTo(ref);
      assertThat(currentKeyIds(name)).containsExactly(k.arn());
    }
  }

  @Test
  void createSecret_unknownKey_isEncryptionFailure() {
    String missing = UUID.randomUUID().toString();
    assertThatThrownBy(
            () -> sm.createSecret(b -> b.name(name()).kmsKeyId(missing).secretString("x")))
        .isInstanceOf(EncryptionFailureException.class)
        .hasMessageContaining(missing);
  }

  @Test
  void disabledKey_readsAndWritesFailUntilEnabledAgain() {
    KeyMetadata k = newKey();
    String name = name();
    sm.createSecret(b -> b.name(name).kmsKeyId(k.keyId()).secretString("v1"));
    kms.disableKey(b -> b.keyId(k.keyId()));
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(name)))
        .isInstanceOf(DecryptionFailureException.class)
        .hasMessageContaining(k.arn() + " is disabled");
    assertThatThrownBy(() -> sm.putSecretValue(b -> b.secretId(name).secretString("v2")))
        .isInstanceOf(EncryptionFailureException.class)
        .hasMessageContaining(k.arn() + " is disabled");
    kms.enableKey(b -> b.keyId(k.keyId()));
    sm.putSecretValue(b -> b.secretId(name).secretString("v2"));
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("v2");
    assertThat(sm.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")).secretString())
        .isEqualTo("v1");
  }

  @Test
  void keyChangedAfterARead_nextReadSeesTheChange() {
    // The first read puts the key's record in the server's cache; every later change to the key
    // must be seen by the very next read.
    KeyMetadata k = newKey();
    String name = name();
    sm.createSecret(b -> b.name(name).kmsKeyId(k.keyId()).secretString("cached"));
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("cached");
    kms.disableKey(b -> b.keyId(k.keyId()));
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(name)))
        .isInstanceOf(DecryptionFailureException.class)
        .hasMessageContaining(k.arn() + " is disabled");
    kms.enableKey(b -> b.keyId(k.keyId()));
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("cached");
    kms.putKeyPolicy(b ->
        b.keyId(k.keyId())
            .policyName("default")
            .policy(
                """
                {"Version":"2012-10-17","Statement":[\
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},\
                "Action":"kms:*","Resource":"*"},\
                {"Effect":"Deny","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"}]}\
                """
                    .formatted(TestServer.ACCOUNT)));
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(name)))
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"))
        .hasMessageContaining("Access to KMS is not allowed");
  }

  @Test
  void keyPendingDeletion_readsFailUntilCancelledAndEnabled() {
    KeyMetadata k = newKey();
    String name = name();
    sm.createSecret(b -> b.name(name).kmsKeyId(k.arn()).secretString("keep me"));
    kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()).pendingWindowInDays(7));
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(name)))
        .isInstanceOf(DecryptionFailureException.class)
        .hasMessageContaining("pending deletion");
    assertThatThrownBy(() -> sm.putSecretValue(b -> b.secretId(name).secretString("no")))
        .isInstanceOf(EncryptionFailureException.class)
        .hasMessageContaining("pending deletion");
    kms.cancelKeyDeletion(b -> b.keyId(k.keyId()));
    kms.enableKey(b -> b.keyId(k.keyId()));
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("keep me");
  }

  @Test
  void updateSecret_newKmsKeyId_reencryptsLabelledVersionsUnderTheNewKey() {
    KeyMetadata k1 = newKey();
    KeyMetadata k2 = newKey();
    String name = name();
    sm.createSecret(b -> b.name(name).kmsKeyId(k1.keyId()).secretString("a"));
    sm.updateSecret(b -> b.secretId(name).kmsKeyId(k2.keyId()));
    assertThat(currentKeyIds(name)).containsExactly(k2.arn());
    kms.disableKey(b -> b.keyId(k1.keyId()));
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("a");
    sm.updateSecret(b -> b.secretId(name).kmsKeyId(""));
    String dflt = kms.describeKey(b -> b.keyId("alias/aws/secretsmanager")).keyMetadata().arn();
    assertThat(currentKeyIds(name)).containsExactly(dflt);
    assertThat(sm.describeSecret(b -> b.secretId(name)).kmsKeyId()).isNull();
  }

  @Test
  void rotatedKey_olderVersionsStillDecrypt() {
    KeyMetadata k = newKey();
    String name = name();
    sm.createSecret(b -> b.name(name).kmsKeyId(k.keyId()).secretString("before rotation"));
    kms.rotateKeyOnDemand(b -> b.keyId(k.keyId()));
    sm.putSecretValue(b -> b.secretId(name).secretString("after rotation"));
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("after rotation");
    assertThat(sm.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")).secretString())
        .isEqualTo("before rotation");
  }
}
