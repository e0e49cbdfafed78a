package dev.coffer.protocol.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.LimitExceededException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The Secrets Manager operations driven through the AWS SDK for Java v2 against a running server.
 * Subclasses choose the storage backend, so the same contract runs on SQLite and PostgreSQL.
 */
abstract class SecretsManagerContract extends OneServerContract {

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void createSecret_withString_returnsArnWithSuffixAndValueReadsBack() {
    String name = unique("app/db");
    CreateSecretResponse created = sm.createSecret(b -> b.name(name).secretString("s3cret"));
    assertThat(created.arn())
        .matches(
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-[A-Za-z0-9]{6}");
    assertThat(created.versionId()).isNotBlank();

    GetSecretValueResponse got = sm.getSecretValue(b -> b.secretId(name));
    assertThat(got.secretString()).isEqualTo("s3cret");
    assertThat(got.versionStages()).containsExactly("AWSCURRENT");
    assertThat(got.versionId()).isEqualTo(created.versionId());
    assertThat(got.arn()).isEqualTo(created.arn());
  }

  @Test
  void getSecretValue_byFullAndPartialArn_findsSecret() {
    String name = unique("partial");
    String arn = sm.createSecret(b -> b.name(name).secretString("v")).arn();
    String partial = arn.substring(0, arn.length() - 7);
    assertThat(sm.getSecretValue(b -> b.secretId(arn)).secretString()).isEqualTo("v");
    assertThat(sm.getSecretValue(b -> b.secretId(partial)).secretString()).isEqualTo("v");
  }

  @Test
  void createSecret_withBinary_roundTripsBytes() {
    String name = unique("bin");
    byte[] bytes = {0, 1, 2, (byte) 0xff, 42};
    sm.createSecret(b -> b.name(name).secretBinary(SdkBytes.fromByteArray(bytes)));
    GetSecretValueResponse got = sm.getSecretValue(b -> b.secretId(name));
    assertThat(got.secretBinary().asByteArray()).isEqualTo(bytes);
    assertThat(got.secretString()).isNull();
  }

  @Test
  void createSecret_withBothValues_isInvalidParameter() {
    assertThatThrownBy(() ->
            sm.createSecret(b ->
                b.name(unique("both"))
                    .secretString("a")
                    .secretBinary(SdkBytes.fromUtf8String("b"))))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void createSecret_existingName_isResourceExists() {
    String name = unique("dup");
    sm.createSecret(b -> b.name(name).secretString("a"));
    assertThatThrownBy(() -> sm.createSecret(b -> b.name(name).secretString("b")))
        .isInstanceOf(ResourceExistsException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void createSecret_retryWithSameTokenAndValue_isIdempotent() {
    String name = unique("idem");
    String token = UUID.randomUUID().toString();
    var first = sm.createSecret(b -> b.name(name).secretString("a").clientRequestToken(token));
    var again = sm.createSecret(b -> b.name(name).secretString("a").clientRequestToken(token));
    assertThat(again.arn()).isEqualTo(first.arn());
    assertThat(again.versionId()).isEqualTo(token);
  }

  @Test
  void createSecret_invalidName_isInvalidParameter() {
    assertThatThrownBy(() -> sm.createSecret(b -> b.name("has space").secretString("x")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void createSecret_nameTooLong_isValidationExceptionInAwsFormat() {
    String name = "n".repeat(513);
    assertThatThrownBy(() -> sm.createSecret(b -> b.name(name).secretString("x")))
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "1 validation error detected: Value '"
                          + name
                          + "' at 'name' failed to satisfy constraint: Member must have length"
                          + " less than or equal to 512");
            });
  }

  @Test
  void getSecretValue_unknownSecret_isResourceNotFound() {
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(unique("missing"))))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Secrets Manager can't find the specified secret.");
  }

  @Test
  void getSecretValue_secretWithoutValue_isResourceNotFoundForAwsCurrent() {
    String name = unique("novalue");
    CreateSecretResponse created = sm.createSecret(b -> b.name(name));
    assertThat(created.versionId()).isNull();
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(name)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("staging label: AWSCURRENT");
  }

  @Test
  void putSecretValue_movesCurrentAndPrevious() {
    String name = unique("labels");
    String v1 = sm.createSecret(b -> b.name(name).secretString("one")).versionId();
    String v2 = sm.putSecretValue(b -> b.secretId(name).secretString("two")).versionId();
    String v3 = sm.putSecretValue(b -> b.secretId(name).secretString("three")).versionId();

    DescribeSecretResponse d = sm.describeSecret(b -> b.secretId(name));
    assertThat(d.versionIdsToStages())
        .containsEntry(v3, java.util.List.of("AWSCURRENT"))
        .containsEntry(v2, java.util.List.of("AWSPREVIOUS"))
        .doesNotContainKey(v1);
    assertThat(sm.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")).secretString())
        .isEqualTo("two");
    assertThat(sm.getSecretValue(b -> b.secretId(name).versionId(v1)).secretString())
        .isEqualTo("one");
  }

  @Test
  void putSecretValue_withExplicitStages_attachesOnlyThose() {
    String name = unique("pending");
    String v1 = sm.createSecret(b -> b.name(name).secretString("one")).versionId();
    var put =
        sm.putSecretValue(b -> b.secretId(name).secretString("next").versionStages("AWSPENDING"));
    assertThat(put.versionStages()).containsExactly("AWSPENDING");
    assertThat(sm.getSecretValue(b -> b.secretId(name)).versionId()).isEqualTo(v1);
    assertThat(sm.getSecretValue(b -> b.secretId(name).versionStage("AWSPENDING")).secretString())
        .isEqualTo("next");
  }

  @Test
  void putSecretValue_sameTokenDifferentValue_isResourceExists() {
    String name = unique("token");
    sm.createSecret(b -> b.name(name).secretString("one"));
    String token = UUID.randomUUID().toString();
    sm.putSecretValue(b -> b.secretId(name).secretString("two").clientRequestToken(token));
    // The same value again is an idempotent retry.
    sm.putSecretValue(b -> b.secretId(name).secretString("two").clientRequestToken(token));
    assertThatThrownBy(() ->
            sm.putSecretValue(
                b -> b.secretId(name).secretString("three").clientRequestToken(token)))
        .isInstanceOf(ResourceExistsException.class)
        .hasMessageContaining(token);
  }

  @Test
  void putSecretValue_moreThanTwentyLabels_isLimitExceeded() {
    String name = unique("many");
    sm.createSecret(b -> b.name(name).secretString("one"));
    for (int i = 0; i < 19; i++) {
      String label = "L" + i;
      sm.putSecretValue(b -> b.secretId(name).secretString(label).versionStages(label));
    }
    int before =
        sm.listSecretVersionIds(b -> b.secretId(name).includeDeprecated(true)).versions().size();
    assertThatThrownBy(
            () -> sm.putSecretValue(b -> b.secretId(name).secretString("x").versionStages("L99")))
        .isInstanceOf(LimitExceededException.class);
    // The refused call left nothing behind: its version was inserted, then rolled back.
    assertThat(sm.listSecretVersionIds(b -> b.secretId(name).includeDeprecated(true)).versions())
        .hasSize(before);
  }

  @Test
  void updateSecretVersionStage_labelHeldElsewhere_requiresRemoveFrom() {
    String name = unique("move");
    String v1 = sm.createSecret(b -> b.name(name).secretString("one")).versionId();
    String v2 =
        sm.putSecretValue(b -> b.secretId(name).secretString("two").versionStages("AWSPENDING"))
            .versionId();
    assertThatThrownBy(() ->
            sm.updateSecretVersionStage(
                b -> b.secretId(name).versionStage("AWSCURRENT").moveToVersionId(v2)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("RemoveFromVersionId");

    sm.updateSecretVersionStage(b ->
        b.secretId(name).versionStage("AWSCURRENT").moveToVersionId(v2).removeFromVersionId(v1));
    var d = sm.describeSecret(b -> b.secretId(name));
    assertThat(d.versionIdsToStages().get(v2)).contains("AWSCURRENT", "AWSPENDING");
    assertThat(d.versionIdsToStages().get(v1)).containsExactly("AWSPREVIOUS");
  }

  @Test
  void updateSecretVersionStage_removeCustomLabel_detachesIt() {
    String name = unique("detach");
    sm.createSecret(b -> b.name(name).secretString("one"));
    String v2 =
        sm.putSecretValue(b -> b.secretId(name).secretString("two").versionStages("blue"))
            .versionId();
    sm.updateSecretVersionStage(b -> b.secretId(name).versionStage("blue").removeFromVersionId(v2));
    assertThat(sm.describeSecret(b -> b.secretId(name)).versionIdsToStages()).doesNotContainKey(v2);
  }

  @Test
  void updateSecret_newValueAndDescription_updatesBoth() {
    String name = unique("upd");
    sm.createSecret(b -> b.name(name).secretString("one").description("first"));
    var r = sm.updateSecret(b -> b.secretId(name).secretString("two").description("second"));
    assertThat(r.versionId()).isNotBlank();
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("two");
    assertThat(sm.describeSecret(b -> b.secretId(name)).description()).isEqualTo("second");
  }

  @Test
  void tagResource_thenUntag_changesTags() {
    String name = unique("tags");
    sm.createSecret(
        b -> b.name(name).secretString("x").tags(Tag.builder().key("team").value("blue").build()));
    sm.tagResource(b ->
        b.secretId(name)
            .tags(
                Tag.builder().key("team").value("red").build(),
                Tag.builder().key("env").value("prod").build()));
    assertThat(sm.describeSecret(b -> b.secretId(name)).tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("team", "red"),
            org.assertj.core.groups.Tuple.tuple("env", "prod"));
    sm.untagResource(b -> b.secretId(name).tagKeys("team"));
    assertThat(sm.describeSecret(b -> b.secretId(name)).tags())
        .extracting(Tag::key)
        .containsExactly("env");
  }

  @Test
  void tagResource_reservedAwsPrefix_isInvalidParameter() {
    String name = unique("awstag");
    sm.createSecret(b -> b.name(name).secretString("x"));
    assertThatThrownBy(() ->
            sm.tagResource(
                b -> b.secretId(name).tags(Tag.builder().key("aws:x").value("y").build())))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void deleteSecret_withWindow_blocksReadsUntilRestored() {
    String name = unique("del");
    sm.createSecret(b -> b.name(name).secretString("x"));
    var deleted = sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
    assertThat(deleted.deletionDate())
        .isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(6)));
    assertThat(sm.describeSecret(b -> b.secretId(name)).deletedDate()).isNotNull();
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(name)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("marked for deletion");
    assertThatThrownBy(() -> sm.createSecret(b -> b.name(name).secretString("y")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("scheduled for deletion");
    assertThatThrownBy(() -> sm.deleteSecret(b -> b.secretId(name)))
        .isInstanceOf(InvalidRequestException.class);

    sm.restoreSecret(b -> b.secretId(name));
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("x");
    assertThat(sm.describeSecret(b -> b.secretId(name)).deletedDate()).isNull();
  }

  @Test
  void deleteSecret_windowOutOfRangeOrCombinedWithForce_isInvalidParameter() {
    String name = unique("delbad");
    sm.createSecret(b -> b.name(name).secretString("x"));
    assertThatThrownBy(() -> sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(6L)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(31L)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() ->
            sm.deleteSecret(
                b -> b.secretId(name).recoveryWindowInDays(7L).forceDeleteWithoutRecovery(true)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void deleteSecret_force_removesAtOnceAndNameIsReusable() {
    String name = unique("force");
    String arn = sm.createSecret(b -> b.name(name).secretString("x")).arn();
    sm.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
    assertThatThrownBy(() -> sm.describeSecret(b -> b.secretId(name)))
        .isInstanceOf(ResourceNotFoundException.class);
    // Force-deleting what is already gone succeeds.
    sm.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
    String again = sm.createSecret(b -> b.name(name).secretString("y")).arn();
    assertThat(again).isNotEqualTo(arn);
  }

  @Test
  void listSecretVersionIds_hidesUnlabelledUnlessAsked() {
    String name = unique("versions");
    String v1 = sm.createSecret(b -> b.name(name).secretString("1")).versionId();
    sm.putSecretValue(b -> b.secretId(name).secretString("2"));
    sm.putSecretValue(b -> b.secretId(name).secretString("3"));
    var labelled = sm.listSecretVersionIds(b -> b.secretId(name));
    assertThat(labelled.versions()).hasSize(2);
    var all = sm.listSecretVersionIds(b -> b.secretId(name).includeDeprecated(true));
    assertThat(all.versions()).hasSize(3);
    assertThat(all.versions())
        .anyMatch(v -> v.versionId().equals(v1) && v.versionStages().isEmpty());
    var page = sm.listSecretVersionIds(b -> b.secretId(name).includeDeprecated(true).maxResults(2));
    assertThat(page.versions()).hasSize(2);
    assertThat(page.nextToken()).isNotNull();
    var rest =
        sm.listSecretVersionIds(b ->
            b.secretId(name).includeDeprecated(true).maxResults(2).nextToken(page.nextToken()));
    assertThat(rest.versions()).hasSize(1);
    assertThat(rest.nextToken()).isNull();
  }

  @Test
  void anyOperation_wrongSecretKey_isInvalidSignature() {
    try (SecretsManagerClient bad = clientWith(TestServer.ACCESS_KEY, "wrong-secret-key")) {
      assertThatThrownBy(() -> bad.listSecretVersionIds(b -> b.secretId("x")))
          .isInstanceOfSatisfying(
              SecretsManagerException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.statusCode()).isEqualTo(400);
              });
    }
  }

  @Test
  void anyOperation_unknownAccessKey_isUnrecognizedClient() {
    try (SecretsManagerClient bad = clientWith("AKIDUNKNOWN000000000", TestServer.SECRET_KEY)) {
      assertThatThrownBy(() -> bad.describeSecret(b -> b.secretId("x")))
          .isInstanceOfSatisfying(
              SecretsManagerException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("UnrecognizedClientException"));
    }
  }

  private SecretsManagerClient clientWith(String accessKey, String secretKey) {
    return server.client(
        SecretsManagerClient.builder(),
        software.amazon.awssdk.regions.Region.US_EAST_1,
        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(accessKey, secretKey));
  }
}
