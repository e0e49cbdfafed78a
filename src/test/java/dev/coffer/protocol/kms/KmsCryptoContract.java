package dev.coffer.protocol.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * KMS cryptographic operations through the SDK's KmsClient: Encrypt, Decrypt, ReEncrypt,
 * GenerateDataKey(WithoutPlaintext), with encryption context, tampering, key states and rotation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KmsCryptoContract {
  static final Map<String, String> CONTEXT = Map.of("purpose", "test", "tenant", "a");
  TestServer server;
  KmsClient kms;

  abstract Backend backend();

  @BeforeAll
  void startServer() {
    server = TestServer.start(backend());
    kms = server.kms();
  }

  @AfterAll
  void stopServer() {
    kms.close();
    server.close();
  }

  KeyMetadata newKey() {
    return kms.createKey(b -> {}).keyMetadata();
  }

  SdkBytes encrypt(String keyId, String text, Map<String, String> context) {
    return kms.encrypt(
            b -> b.keyId(keyId).plaintext(SdkBytes.fromUtf8String(text)).encryptionContext(context))
        .ciphertextBlob();
  }

  static String errorCode(Throwable t) {
    return ((KmsException) t).awsErrorDetails().errorCode();
  }

  @Test
  void encrypt_thenDecryptWithSameContext_returnsPlaintext() {
    KeyMetadata k = newKey();
    var enc =
        kms.encrypt(b ->
            b.keyId(k.keyId())
                .plaintext(SdkBytes.fromUtf8String("hello"))
                .encryptionContext(CONTEXT));
    assertThat(enc.keyId()).isEqualTo(k.arn());
    assertThat(enc.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
    DecryptResponse dec =
        kms.decrypt(b -> b.ciphertextBlob(enc.ciphertextBlob()).encryptionContext(CONTEXT));
    assertThat(dec.plaintext().asUtf8String()).isEqualTo("hello");
    assertThat(dec.keyId()).isEqualTo(k.arn());
    assertThat(dec.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
    assertThat(dec.keyMaterialId()).isEqualTo(k.currentKeyMaterialId());
    assertThat(
            kms.decrypt(b ->
                    b.ciphertextBlob(enc.ciphertextBlob())
                        .encryptionContext(CONTEXT)
                        .keyId(k.arn()))
                .plaintext()
                .asUtf8String())
        .isEqualTo("hello");
  }

  @Test
  void encrypt_sameInputTwice_givesDifferentCiphertexts() {
    KeyMetadata k = newKey();
    assertThat(encrypt(k.keyId(), "x", Map.of())).isNotEqualTo(encrypt(k.keyId(), "x", Map.of()));
  }

  @Test
  void encrypt_byAliasNameAndAliasArn_usesTheAliasedKey() {
    KeyMetadata k = newKey();
    String alias = "alias/crypto-" + UUID.randomUUID();
    kms.createAlias(b -> b.aliasName(alias).targetKeyId(k.keyId()));
    for (String ref :
        new String[] {alias, "arn:aws:kms:us-east-1:" + TestServer.ACCOUNT + ":" + alias}) {
      SdkBytes blob = encrypt(ref, "via alias", Map.of());
      var dec = kms.decrypt(b -> b.ciphertextBlob(blob).keyId(alias));
      assertThat(dec.keyId()).isEqualTo(k.arn());
      assertThat(dec.plaintext().asUtf8String()).isEqualTo("via alias");
    }
  }

  @Test
  void decrypt_contextDiffers_isInvalidCiphertext() {
    KeyMetadata k = newKey();
    SdkBytes blob = encrypt(k.keyId(), "secret", CONTEXT);
    for (Map<String, String> other :
        new Map[] {
          Map.of(),
          Map.of("purpose", "test"),
          Map.of("purpose", "test", "tenant", "b"),
          Map.of("purpose", "test", "Tenant", "a"),
          Map.of("purpose", "test", "tenant", "a", "extra", "1")
        }) {
      assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(other)))
          .isInstanceOf(InvalidCiphertextException.class);
    }
  }

  @Test
  void decrypt_anyByteChanged_isInvalidCiphertext() {
    KeyMetadata k = newKey();
    byte[] blob = encrypt(k.keyId(), "tamper me", CONTEXT).asByteArray();
    for (int i = 0; i < blob.length; i++) {
      byte[] changed = blob.clone();
      changed[i] ^= 0x01;
      SdkBytes bad = SdkBytes.fromByteArray(changed);
      assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(bad).encryptionContext(CONTEXT)))
          .as("byte %d", i)
          .isInstanceOf(InvalidCiphertextException.class);
    }
    SdkBytes truncated = SdkBytes.fromByteArray(java.util.Arrays.copyOf(blob, blob.length - 1));
    assertThatThrownBy(
            () -> kms.decrypt(b -> b.ciphertextBlob(truncated).encryptionContext(CONTEXT)))
        .isInstanceOf(InvalidCiphertextException.class);
    SdkBytes junk = SdkBytes.fromUtf8String("not a ciphertext");
    assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(junk)))
        .isInstanceOf(InvalidCiphertextException.class);
  }

  @Test
  void decrypt_keyIdOfAnotherKey_isIncorrectKey() {
    KeyMetadata k = newKey();
    KeyMetadata other = newKey();
    SdkBytes blob = encrypt(k.keyId(), "x", Map.of());
    assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob).keyId(other.keyId())))
        .isInstanceOf(IncorrectKeyException.class);
  }

  @Test
  void encrypt_plaintextLimits_areValidated() {
    KeyMetadata k = newKey();
    SdkBytes big = SdkBytes.fromByteArray(new byte[4097]);
    assertThatThrownBy(() -> kms.encrypt(b -> b.keyId(k.keyId()).plaintext(big)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
    SdkBytes max = SdkBytes.fromByteArray(new byte[4096]);
    SdkBytes blob = kms.encrypt(b -> b.keyId(k.keyId()).plaintext(max)).ciphertextBlob();
    assertThat(blob.asByteArray().length).isLessThanOrEqualTo(6144);
    assertThat(kms.decrypt(b -> b.ciphertextBlob(blob)).plaintext()).isEqualTo(max);
  }

  @Test
  void encrypt_unknownKey_isNotFound() {
    assertThatThrownBy(() -> encrypt(UUID.randomUUID().toString(), "x", Map.of()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void encrypt_asymmetricAlgorithm_isInvalidKeyUsage() {
    KeyMetadata k = newKey();
    assertThatThrownBy(() ->
            kms.encrypt(b ->
                b.keyId(k.keyId())
                    .plaintext(SdkBytes.fromUtf8String("x"))
                    .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)))
        .isInstanceOf(InvalidKeyUsageException.class);
  }

  @Test
  void encrypt_dryRun_isDryRunOperation() {
    KeyMetadata k = newKey();
    assertThatThrownBy(() ->
            kms.encrypt(
                b -> b.keyId(k.keyId()).plaintext(SdkBytes.fromUtf8String("x")).dryRun(true)))
        .isInstanceOf(DryRunOperationException.class);
  }

  @Test
  void cryptography_disabledKey_isDisabledUntilEnabledAgain() {
    KeyMetadata k = newKey();
    SdkBytes blob = encrypt(k.keyId(), "x", Map.of());
    kms.disableKey(b -> b.keyId(k.keyId()));
    assertThatThrownBy(() -> encrypt(k.keyId(), "x", Map.of()))
        .isInstanceOf(DisabledException.class)
        .hasMessageContaining(k.arn() + " is disabled");
    assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob)))
        .isInstanceOf(DisabledException.class);
    assertThatThrownBy(
            () -> kms.generateDataKey(b -> b.keyId(k.keyId()).keySpec(DataKeySpec.AES_256)))
        .isInstanceOf(DisabledException.class);
    kms.enableKey(b -> b.keyId(k.keyId()));
    assertThat(kms.decrypt(b -> b.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("x");
  }

  @Test
  void cryptography_pendingDeletion_isKmsInvalidStateUntilCancelledAndEnabled() {
    KeyMetadata k = newKey();
    SdkBytes blob = encrypt(k.keyId(), "x", Map.of());
    kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()).pendingWindowInDays(7));
    assertThatThrownBy(() -> encrypt(k.keyId(), "x", Map.of()))
        .isInstanceOf(KmsInvalidStateException.class)
        .hasMessageContaining("pending deletion");
    assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob)))
        .isInstanceOf(KmsInvalidStateException.class);
    kms.cancelKeyDeletion(b -> b.keyId(k.keyId()));
    assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob)))
        .isInstanceOf(DisabledException.class);
    kms.enableKey(b -> b.keyId(k.keyId()));
    assertThat(kms.decrypt(b -> b.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("x");
  }

  @Test
  void decrypt_afterRotations_decryptsCiphertextsOfEveryMaterial() {
    KeyMetadata k = newKey();
    SdkBytes before = encrypt(k.keyId(), "v1", CONTEXT);
    kms.rotateKeyOnDemand(b -> b.keyId(k.keyId()));
    SdkBytes middle = encrypt(k.keyId(), "v2", CONTEXT);
    kms.rotateKeyOnDemand(b -> b.keyId(k.keyId()));
    SdkBytes after = encrypt(k.keyId(), "v3", CONTEXT);
    var d1 = kms.decrypt(b -> b.ciphertextBlob(before).encryptionContext(CONTEXT));
    var d2 = kms.decrypt(b -> b.ciphertextBlob(middle).encryptionContext(CONTEXT));
    var d3 = kms.decrypt(b -> b.ciphertextBlob(after).encryptionContext(CONTEXT));
    assertThat(d1.plaintext().asUtf8String()).isEqualTo("v1");
    assertThat(d2.plaintext().asUtf8String()).isEqualTo("v2");
    assertThat(d3.plaintext().asUtf8String()).isEqualTo("v3");
    assertThat(d1.keyMaterialId()).isEqualTo(k.currentKeyMaterialId());
    assertThat(java.util.Set.of(d1.keyMaterialId(), d2.keyMaterialId(), d3.keyMaterialId()))
        .hasSize(3);
  }

  @Test
  void reEncrypt_toAnotherKeyAndContext_decryptsOnlyUnderTheNewOnes() {
    KeyMetadata source = newKey();
    KeyMetadata dest = newKey();
    SdkBytes blob = encrypt(source.keyId(), "move me", CONTEXT);
    Map<String, String> newContext = Map.of("stage", "2");
    var r =
        kms.reEncrypt(b ->
            b.ciphertextBlob(blob)
                .sourceEncryptionContext(CONTEXT)
                .destinationKeyId(dest.keyId())
                .destinationEncryptionContext(newContext));
    assertThat(r.sourceKeyId()).isEqualTo(source.arn());
    assertThat(r.keyId()).isEqualTo(dest.arn());
    assertThat(r.sourceKeyMaterialId()).isEqualTo(source.currentKeyMaterialId());
    assertThat(r.destinationKeyMaterialId()).isEqualTo(dest.currentKeyMaterialId());
    var dec = kms.decrypt(b -> b.ciphertextBlob(r.ciphertextBlob()).encryptionContext(newContext));
    assertThat(dec.plaintext().asUtf8String()).isEqualTo("move me");
    assertThat(dec.keyId()).isEqualTo(dest.arn());
    assertThatThrownBy(
            () -> kms.decrypt(b -> b.ciphertextBlob(r.ciphertextBlob()).encryptionContext(CONTEXT)))
        .isInstanceOf(InvalidCiphertextException.class);
  }

  @Test
  void reEncrypt_wrongSourceKeyOrContext_isRefused() {
    KeyMetadata source = newKey();
    KeyMetadata other = newKey();
    SdkBytes blob = encrypt(source.keyId(), "x", CONTEXT);
    assertThatThrownBy(() ->
            kms.reEncrypt(b ->
                b.ciphertextBlob(blob)
                    .sourceEncryptionContext(CONTEXT)
                    .sourceKeyId(other.keyId())
                    .destinationKeyId(other.keyId())))
        .isInstanceOf(IncorrectKeyException.class);
    assertThatThrownBy(
            () -> kms.reEncrypt(b -> b.ciphertextBlob(blob).destinationKeyId(other.keyId())))
        .isInstanceOf(InvalidCiphertextException.class);
  }

  @Test
  void generateDataKey_aes256_plaintextMatchesDecryptedCiphertext() {
    KeyMetadata k = newKey();
    var dk =
        kms.generateDataKey(
            b -> b.keyId(k.keyId()).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));
    assertThat(dk.plaintext().asByteArray()).hasSize(32);
    assertThat(dk.keyId()).isEqualTo(k.arn());
    assertThat(dk.keyMaterialId()).isEqualTo(k.currentKeyMaterialId());
    var dec = kms.decrypt(b -> b.ciphertextBlob(dk.ciphertextBlob()).encryptionContext(CONTEXT));
    assertThat(dec.plaintext()).isEqualTo(dk.plaintext());
  }

  @Test
  void generateDataKey_numberOfBytes_givesThatLength() {
    KeyMetadata k = newKey();
    var dk = kms.generateDataKey(b -> b.keyId(k.keyId()).numberOfBytes(64));
    assertThat(dk.plaintext().asByteArray()).hasSize(64);
  }

  @Test
  void generateDataKey_neitherOrBothSizes_isValidationException() {
    KeyMetadata k = newKey();
    assertThatThrownBy(() -> kms.generateDataKey(b -> b.keyId(k.keyId())))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
    assertThatThrownBy(() ->
            kms.generateDataKey(
                b -> b.keyId(k.keyId()).keySpec(DataKeySpec.AES_128).numberOfBytes(16)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
    assertThatThrownBy(() -> kms.generateDataKey(b -> b.keyId(k.keyId()).numberOfBytes(1025)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
  }

  @Test
  void generateDataKeyWithoutPlaintext_aes128_returnsOnlyTheCiphertext() {
    KeyMetadata k = newKey();
    var dk =
        kms.generateDataKeyWithoutPlaintext(b -> b.keyId(k.keyId()).keySpec(DataKeySpec.AES_128));
    assertThat(dk.keyId()).isEqualTo(k.arn());
    assertThat(dk.keyMaterialId()).isEqualTo(k.currentKeyMaterialId());
    assertThat(kms.decrypt(b -> b.ciphertextBlob(dk.ciphertextBlob())).plaintext().asByteArray())
        .hasSize(16);
  }

  @Test
  void generateDataKey_defaultAlias_createsTheAwsManagedKeyButItsPolicyRefusesDirectUse() {
    // The aws/secretsmanager key policy allows cryptography only through Secrets Manager
    // (kms:ViaService), so even the account root cannot use it directly.
    assertThatThrownBy(() ->
            kms.generateDataKey(
                b -> b.keyId("alias/aws/secretsmanager").keySpec(DataKeySpec.AES_256)))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
    String id = kms.describeKey(b -> b.keyId("alias/aws/secretsmanager")).keyMetadata().arn();
    assertThat(id).contains(":key/");
  }

  @Test
  void errorBody_usesLowerCaseMessageMember() throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "TrentService.DescribeKey")
            .POST(HttpRequest.BodyPublishers.ofString("{\"KeyId\":\"x\"}"))
            .build();
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(res.statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(res.body()).contains("\"message\"").doesNotContain("\"Message\"");
  }
}
