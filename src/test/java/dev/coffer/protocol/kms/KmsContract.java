package dev.coffer.protocol.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.IncludeKeyMaterial;
import software.amazon.awssdk.services.kms.model.InvalidAliasNameException;
import software.amazon.awssdk.services.kms.model.InvalidArnException;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMaterialState;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.LimitExceededException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.RotationType;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.TagException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/**
 * KMS key management through the AWS SDK for Java v2 KmsClient against a running server: keys,
 * states, deletion, policies, tags, aliases, rotation and the AWS managed key. Cryptographic
 * operations are in {@link KmsCryptoContract}. Subclasses choose the storage backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KmsContract {
  static final String ACCOUNT = TestServer.ACCOUNT;
  static final ObjectMapper JSON = new ObjectMapper();
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
    return kms.createKey(b -> b.description("test key")).keyMetadata();
  }

  static String alias() {
    return "alias/test-" + UUID.randomUUID();
  }

  static String errorCode(Throwable t) {
    return ((KmsException) t).awsErrorDetails().errorCode();
  }

  // ---- CreateKey, DescribeKey, ListKeys ----

  @Test
  void createKey_noParameters_isEnabledSymmetricCustomerKey() {
    KeyMetadata k = kms.createKey(b -> {}).keyMetadata();
    assertThat(k.keyId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(k.arn()).isEqualTo("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + k.keyId());
    assertThat(k.awsAccountId()).isEqualTo(ACCOUNT);
    assertThat(k.keyState()).isEqualTo(KeyState.ENABLED);
    assertThat(k.enabled()).isTrue();
    assertThat(k.description()).isEmpty();
    assertThat(k.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
    assertThat(k.keyUsageAsString()).isEqualTo("ENCRYPT_DECRYPT");
    assertThat(k.originAsString()).isEqualTo("AWS_KMS");
    assertThat(k.keyManager()).isEqualTo(KeyManagerType.CUSTOMER);
    assertThat(k.encryptionAlgorithmsAsStrings()).containsExactly("SYMMETRIC_DEFAULT");
    assertThat(k.multiRegion()).isFalse();
    assertThat(k.currentKeyMaterialId()).matches("[0-9a-f]{64}");
    assertThat(k.creationDate()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
  }

  @Test
  void createKey_asymmetricSpec_isUnsupportedOperation() {
    assertThatThrownBy(() -> kms.createKey(b -> b.keySpec(KeySpec.RSA_2048)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> kms.createKey(b -> b.keyUsage("SIGN_VERIFY")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> kms.createKey(b -> b.multiRegion(true)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void createKey_descriptionTooLong_isValidationException() {
    assertThatThrownBy(() -> kms.createKey(b -> b.description("d".repeat(8193))))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"))
        .hasMessageContaining("at 'description' failed to satisfy constraint");
  }

  @Test
  void createKey_malformedPolicy_isMalformedPolicyDocument() {
    assertThatThrownBy(() -> kms.createKey(b -> b.policy("{\"Version\":")))
        .isInstanceOf(MalformedPolicyDocumentException.class);
  }

  @Test
  void describeKey_byKeyIdArnAliasAndAliasArn_findsTheSameKey() {
    KeyMetadata k = newKey();
    String alias = alias();
    kms.createAlias(b -> b.aliasName(alias).targetKeyId(k.keyId()));
    String aliasArn = "arn:aws:kms:us-east-1:" + ACCOUNT + ":" + alias;
    for (String ref : List.of(k.keyId(), k.arn(), alias, aliasArn)) {
      assertThat(kms.describeKey(b -> b.keyId(ref)).keyMetadata().keyId()).isEqualTo(k.keyId());
    }
  }

  @Test
  void describeKey_unknownKey_isNotFound() {
    String id = UUID.randomUUID().toString();
    assertThatThrownBy(() -> kms.describeKey(b -> b.keyId(id)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("key/" + id + "' does not exist");
    assertThatThrownBy(() -> kms.describeKey(b -> b.keyId("alias/none-" + id)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("is not found");
    assertThatThrownBy(() -> kms.describeKey(b -> b.keyId("not-a-key")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void describeKey_keyArnOfAnotherRegion_isNotFound() {
    KeyMetadata k = newKey();
    String other = k.arn().replace("us-east-1", "eu-west-1");
    assertThatThrownBy(() -> kms.describeKey(b -> b.keyId(other)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void describeKey_malformedArn_isInvalidArn() {
    assertThatThrownBy(() -> kms.describeKey(b -> b.keyId("arn:aws:kms:us-east-1:12:thing")))
        .isInstanceOf(InvalidArnException.class);
  }

  @Test
  void listKeys_pagesWithMarker_visitsEveryKeyOnce() {
    List<String> created = List.of(newKey().keyId(), newKey().keyId(), newKey().keyId());
    List<String> seen = new ArrayList<>();
    String marker = null;
    do {
      String m = marker;
      ListKeysResponse page = kms.listKeys(b -> b.limit(2).marker(m));
      assertThat(page.keys()).hasSizeLessThanOrEqualTo(2);
      page.keys()
          .forEach(e -> {
            assertThat(e.keyArn()).endsWith(":key/" + e.keyId());
            seen.add(e.keyId());
          });
      marker = page.truncated() ? page.nextMarker() : null;
      if (!page.truncated()) {
        assertThat(page.nextMarker()).isNull();
      }
    } while (marker != null);
    assertThat(seen).doesNotHaveDuplicates().containsAll(created);
    assertThat(kms.listKeysPaginator(b -> b.limit(1)).keys().stream().count())
        .isEqualTo(seen.size());
  }

  @Test
  void listKeys_markerOfAnotherListing_isInvalidMarker() {
    KeyMetadata k = newKey();
    for (int i = 0; i < 2; i++) {
      kms.tagResource(b -> b.keyId(k.keyId()).tags(tag("m" + UUID.randomUUID(), "v")));
    }
    String foreign = kms.listResourceTags(b -> b.keyId(k.keyId()).limit(1)).nextMarker();
    assertThat(foreign).isNotNull();
    assertThatThrownBy(() -> kms.listKeys(b -> b.marker(foreign)))
        .isInstanceOf(InvalidMarkerException.class);
    assertThatThrownBy(() -> kms.listKeys(b -> b.marker("garbage")))
        .isInstanceOf(InvalidMarkerException.class);
  }

  @Test
  void listKeys_limitAbove1000_isValidationException() {
    assertThatThrownBy(() -> kms.listKeys(b -> b.limit(1001)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
  }

  // ---- EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion ----

  @Test
  void disableKey_thenEnableKey_movesBetweenStates() {
    KeyMetadata k = newKey();
    kms.disableKey(b -> b.keyId(k.keyId()));
    KeyMetadata d = kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata();
    assertThat(d.keyState()).isEqualTo(KeyState.DISABLED);
    assertThat(d.enabled()).isFalse();
    kms.enableKey(b -> b.keyId(k.arn()));
    assertThat(kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata().keyState())
        .isEqualTo(KeyState.ENABLED);
  }

  @Test
  void disableKey_byAlias_isNotFound() {
    KeyMetadata k = newKey();
    String alias = alias();
    kms.createAlias(b -> b.aliasName(alias).targetKeyId(k.keyId()));
    assertThatThrownBy(() -> kms.disableKey(b -> b.keyId(alias)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void scheduleKeyDeletion_defaultWindow_isThirtyDaysPendingDeletion() {
    KeyMetadata k = newKey();
    var r = kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()));
    assertThat(r.keyId()).isEqualTo(k.arn());
    assertThat(r.pendingWindowInDays()).isEqualTo(30);
    assertThat(r.keyState()).isEqualTo(KeyState.PENDING_DELETION);
    assertThat(r.deletionDate())
        .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
    KeyMetadata d = kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata();
    assertThat(d.keyState()).isEqualTo(KeyState.PENDING_DELETION);
    assertThat(d.deletionDate()).isEqualTo(r.deletionDate());
  }

  @Test
  void scheduleKeyDeletion_sevenDays_isAcceptedAndSixIsValidationException() {
    KeyMetadata k = newKey();
    assertThatThrownBy(
            () -> kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()).pendingWindowInDays(6)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
    assertThatThrownBy(
            () -> kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()).pendingWindowInDays(31)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
    var r = kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()).pendingWindowInDays(7));
    assertThat(r.pendingWindowInDays()).isEqualTo(7);
  }

  @Test
  void scheduleKeyDeletion_twice_isKmsInvalidState() {
    KeyMetadata k = newKey();
    kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()));
    assertThatThrownBy(() -> kms.scheduleKeyDeletion(b -> b.keyId(k.keyId())))
        .isInstanceOf(KmsInvalidStateException.class)
        .hasMessageContaining("is pending deletion");
    assertThatThrownBy(() -> kms.enableKey(b -> b.keyId(k.keyId())))
        .isInstanceOf(KmsInvalidStateException.class);
    assertThatThrownBy(() -> kms.disableKey(b -> b.keyId(k.keyId())))
        .isInstanceOf(KmsInvalidStateException.class);
  }

  @Test
  void cancelKeyDeletion_pendingKey_becomesDisabled() {
    KeyMetadata k = newKey();
    kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()));
    assertThat(kms.cancelKeyDeletion(b -> b.keyId(k.keyId())).keyId()).isEqualTo(k.arn());
    KeyMetadata d = kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata();
    assertThat(d.keyState()).isEqualTo(KeyState.DISABLED);
    assertThat(d.deletionDate()).isNull();
  }

  @Test
  void cancelKeyDeletion_keyNotPending_isKmsInvalidState() {
    KeyMetadata k = newKey();
    assertThatThrownBy(() -> kms.cancelKeyDeletion(b -> b.keyId(k.keyId())))
        .isInstanceOf(KmsInvalidStateException.class);
  }

  // ---- key policies ----

  @Test
  void getKeyPolicy_defaultPolicy_enablesIamPoliciesForTheAccountRoot() throws Exception {
    KeyMetadata k = newKey();
    var r = kms.getKeyPolicy(b -> b.keyId(k.keyId()));
    assertThat(r.policyName()).isEqualTo("default");
    JsonNode doc = JSON.readTree(r.policy());
    assertThat(doc.get("Version").asText()).isEqualTo("2012-10-17");
    assertThat(doc.get("Id").asText()).isEqualTo("key-default-1");
    JsonNode s = doc.get("Statement").get(0);
    assertThat(doc.get("Statement")).hasSize(1);
    assertThat(s.get("Sid").asText()).isEqualTo("Enable IAM User Permissions");
    assertThat(s.get("Effect").asText()).isEqualTo("Allow");
    assertThat(s.get("Principal").get("AWS").asText())
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
    assertThat(s.get("Action").asText()).isEqualTo("kms:*");
    assertThat(s.get("Resource").asText()).isEqualTo("*");
  }

  @Test
  void putKeyPolicy_validPolicy_isReturnedByGetKeyPolicy() {
    KeyMetadata k = newKey();
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::"
            + ACCOUNT
            + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    kms.putKeyPolicy(b -> b.keyId(k.keyId()).policyName("default").policy(policy));
    assertThat(kms.getKeyPolicy(b -> b.keyId(k.arn())).policy()).isEqualTo(policy);
    assertThat(kms.listKeyPolicies(b -> b.keyId(k.keyId())).policyNames())
        .containsExactly("default");
  }

  @Test
  void createKey_withPolicyAndTags_keepsBoth() {
    // The key policy must keep the caller able to read it back (KMS evaluates it on every call).
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"*\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"},"
            + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + ACCOUNT
            + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    KeyMetadata k =
        kms.createKey(b -> b.policy(policy).tags(tag("team", "blue"), tag("env", "")))
            .keyMetadata();
    assertThat(kms.getKeyPolicy(b -> b.keyId(k.keyId())).policy()).isEqualTo(policy);
    assertThat(kms.listResourceTags(b -> b.keyId(k.keyId())).tags())
        .containsExactly(tag("team", "blue"), tag("env", ""));
  }

  @Test
  void putKeyPolicy_policyWithoutPrincipal_isMalformedPolicyDocument() {
    KeyMetadata k = newKey();
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    assertThatThrownBy(() -> kms.putKeyPolicy(b -> b.keyId(k.keyId()).policy(policy)))
        .isInstanceOf(MalformedPolicyDocumentException.class);
  }

  @Test
  void getKeyPolicy_otherPolicyName_isNotFound() {
    KeyMetadata k = newKey();
    assertThatThrownBy(() -> kms.getKeyPolicy(b -> b.keyId(k.keyId()).policyName("other")))
        .isInstanceOf(NotFoundException.class);
  }

  // ---- tags ----

  static Tag tag(String key, String value) {
    return Tag.builder().tagKey(key).tagValue(value).build();
  }

  @Test
  void tagResource_existingKey_replacesValueAndUntagRemoves() {
    KeyMetadata k = newKey();
    kms.tagResource(b -> b.keyId(k.keyId()).tags(tag("a", "1"), tag("b", "2")));
    kms.tagResource(b -> b.keyId(k.keyId()).tags(tag("a", "3")));
    assertThat(kms.listResourceTags(b -> b.keyId(k.keyId())).tags())
        .containsExactly(tag("a", "3"), tag("b", "2"));
    kms.untagResource(b -> b.keyId(k.keyId()).tagKeys("a", "missing"));
    assertThat(kms.listResourceTags(b -> b.keyId(k.keyId())).tags()).containsExactly(tag("b", "2"));
  }

  @Test
  void tagResource_reservedPrefix_isTagException() {
    KeyMetadata k = newKey();
    assertThatThrownBy(() -> kms.tagResource(b -> b.keyId(k.keyId()).tags(tag("aws:x", "1"))))
        .isInstanceOf(TagException.class);
  }

  @Test
  void tagResource_fiftyOneTags_isLimitExceeded() {
    KeyMetadata k = newKey();
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      tags.add(tag("k" + i, "v"));
    }
    assertThatThrownBy(() -> kms.tagResource(b -> b.keyId(k.keyId()).tags(tags)))
        .isInstanceOf(LimitExceededException.class);
    kms.tagResource(b -> b.keyId(k.keyId()).tags(tags.subList(0, 50)));
    var first = kms.listResourceTags(b -> b.keyId(k.keyId()));
    assertThat(first.tags()).hasSize(50);
    assertThat(first.truncated()).isFalse();
  }

  @Test
  void listResourceTags_limitOne_pagesThroughTags() {
    KeyMetadata k = newKey();
    kms.tagResource(b -> b.keyId(k.keyId()).tags(tag("a", "1"), tag("b", "2")));
    var first = kms.listResourceTags(b -> b.keyId(k.keyId()).limit(1));
    assertThat(first.tags()).containsExactly(tag("a", "1"));
    assertThat(first.truncated()).isTrue();
    var second = kms.listResourceTags(b -> b.keyId(k.keyId()).limit(1).marker(first.nextMarker()));
    assertThat(second.tags()).containsExactly(tag("b", "2"));
    assertThat(second.truncated()).isFalse();
    assertThatThrownBy(() -> kms.listResourceTags(b -> b.keyId(k.keyId()).limit(51)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
  }

  @Test
  void listResourceTags_unknownKey_isNotFound() {
    assertThatThrownBy(() -> kms.listResourceTags(b -> b.keyId(UUID.randomUUID().toString())))
        .isInstanceOf(NotFoundException.class);
  }

  // ---- aliases ----

  @Test
  void createAlias_listAliasesByKey_showsOnlyThatKeysAliases() {
    KeyMetadata k = newKey();
    String a1 = alias();
    String a2 = alias();
    kms.createAlias(b -> b.aliasName(a1).targetKeyId(k.keyId()));
    kms.createAlias(b -> b.aliasName(a2).targetKeyId(k.arn()));
    var listed = kms.listAliases(b -> b.keyId(k.keyId())).aliases();
    assertThat(listed).extracting(a -> a.aliasName()).containsExactlyInAnyOrder(a1, a2);
    assertThat(listed)
        .allSatisfy(a -> {
          assertThat(a.targetKeyId()).isEqualTo(k.keyId());
          assertThat(a.aliasArn())
              .isEqualTo("arn:aws:kms:us-east-1:" + ACCOUNT + ":" + a.aliasName());
          assertThat(a.creationDate()).isNotNull();
          assertThat(a.lastUpdatedDate()).isNotNull();
        });
  }

  @Test
  void createAlias_existingName_isAlreadyExists() {
    KeyMetadata k = newKey();
    String a = alias();
    kms.createAlias(b -> b.aliasName(a).targetKeyId(k.keyId()));
    assertThatThrownBy(() -> kms.createAlias(b -> b.aliasName(a).targetKeyId(k.keyId())))
        .isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void createAlias_badOrReservedName_isInvalidAliasName() {
    KeyMetadata k = newKey();
    assertThatThrownBy(() -> kms.createAlias(b -> b.aliasName("noprefix").targetKeyId(k.keyId())))
        .isInstanceOf(InvalidAliasNameException.class);
    assertThatThrownBy(
            () -> kms.createAlias(b -> b.aliasName("alias/aws/mine").targetKeyId(k.keyId())))
        .isInstanceOf(InvalidAliasNameException.class);
    assertThatThrownBy(
            () -> kms.createAlias(b -> b.aliasName("alias/sp ace").targetKeyId(k.keyId())))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
  }

  @Test
  void createAlias_unknownOrPendingDeletionTarget_isRefused() {
    assertThatThrownBy(() ->
            kms.createAlias(b -> b.aliasName(alias()).targetKeyId(UUID.randomUUID().toString())))
        .isInstanceOf(NotFoundException.class);
    KeyMetadata k = newKey();
    kms.scheduleKeyDeletion(b -> b.keyId(k.keyId()));
    assertThatThrownBy(() -> kms.createAlias(b -> b.aliasName(alias()).targetKeyId(k.keyId())))
        .isInstanceOf(KmsInvalidStateException.class);
  }

  @Test
  void updateAlias_otherKey_retargetsAlias() {
    KeyMetadata k1 = newKey();
    KeyMetadata k2 = newKey();
    String a = alias();
    kms.createAlias(b -> b.aliasName(a).targetKeyId(k1.keyId()));
    kms.updateAlias(b -> b.aliasName(a).targetKeyId(k2.keyId()));
    assertThat(kms.describeKey(b -> b.keyId(a)).keyMetadata().keyId()).isEqualTo(k2.keyId());
    assertThatThrownBy(() -> kms.updateAlias(b -> b.aliasName(alias()).targetKeyId(k2.keyId())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void deleteAlias_existing_removesOnlyTheAlias() {
    KeyMetadata k = newKey();
    String a = alias();
    kms.createAlias(b -> b.aliasName(a).targetKeyId(k.keyId()));
    kms.deleteAlias(b -> b.aliasName(a));
    assertThatThrownBy(() -> kms.describeKey(b -> b.keyId(a)))
        .isInstanceOf(NotFoundException.class);
    assertThat(kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata().keyState())
        .isEqualTo(KeyState.ENABLED);
    assertThatThrownBy(() -> kms.deleteAlias(b -> b.aliasName(a)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void listAliases_limitOne_pagesInNameOrder() {
    KeyMetadata k = newKey();
    kms.createAlias(b -> b.aliasName(alias()).targetKeyId(k.keyId()));
    kms.createAlias(b -> b.aliasName(alias()).targetKeyId(k.keyId()));
    List<String> names = new ArrayList<>();
    kms.listAliasesPaginator(b -> b.limit(1)).aliases().forEach(a -> names.add(a.aliasName()));
    assertThat(names).isSorted().doesNotHaveDuplicates();
    assertThatThrownBy(() -> kms.listAliases(b -> b.limit(101)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
    assertThatThrownBy(() -> kms.listAliases(b -> b.keyId(UUID.randomUUID().toString())))
        .isInstanceOf(NotFoundException.class);
  }

  // ---- rotation ----

  @Test
  void enableKeyRotation_defaultAndCustomPeriod_reportedByStatus() {
    KeyMetadata k = newKey();
    var off = kms.getKeyRotationStatus(b -> b.keyId(k.keyId()));
    assertThat(off.keyRotationEnabled()).isFalse();
    assertThat(off.nextRotationDate()).isNull();
    kms.enableKeyRotation(b -> b.keyId(k.keyId()));
    var on = kms.getKeyRotationStatus(b -> b.keyId(k.keyId()));
    assertThat(on.keyRotationEnabled()).isTrue();
    assertThat(on.keyId()).isEqualTo(k.arn());
    assertThat(on.rotationPeriodInDays()).isEqualTo(365);
    assertThat(on.nextRotationDate())
        .isCloseTo(Instant.now().plus(Duration.ofDays(365)), within(1, ChronoUnit.MINUTES));
    kms.enableKeyRotation(b -> b.keyId(k.keyId()).rotationPeriodInDays(90));
    assertThat(kms.getKeyRotationStatus(b -> b.keyId(k.keyId())).rotationPeriodInDays())
        .isEqualTo(90);
    kms.disableKeyRotation(b -> b.keyId(k.keyId()));
    assertThat(kms.getKeyRotationStatus(b -> b.keyId(k.keyId())).keyRotationEnabled()).isFalse();
  }

  @Test
  void enableKeyRotation_periodOutOfRange_isValidationException() {
    KeyMetadata k = newKey();
    assertThatThrownBy(
            () -> kms.enableKeyRotation(b -> b.keyId(k.keyId()).rotationPeriodInDays(89)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
    assertThatThrownBy(
            () -> kms.enableKeyRotation(b -> b.keyId(k.keyId()).rotationPeriodInDays(2561)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
  }

  @Test
  void enableKeyRotation_disabledKey_isDisabledException() {
    KeyMetadata k = newKey();
    kms.disableKey(b -> b.keyId(k.keyId()));
    assertThatThrownBy(() -> kms.enableKeyRotation(b -> b.keyId(k.keyId())))
        .isInstanceOf(DisabledException.class);
    assertThatThrownBy(() -> kms.rotateKeyOnDemand(b -> b.keyId(k.keyId())))
        .isInstanceOf(DisabledException.class);
  }

  @Test
  void rotateKeyOnDemand_addsCurrentMaterialAndListKeyRotationsShowsIt() {
    KeyMetadata k = newKey();
    assertThat(kms.listKeyRotations(b -> b.keyId(k.keyId())).rotations()).isEmpty();
    assertThat(kms.rotateKeyOnDemand(b -> b.keyId(k.keyId())).keyId()).isEqualTo(k.keyId());
    KeyMetadata after = kms.describeKey(b -> b.keyId(k.keyId())).keyMetadata();
    assertThat(after.currentKeyMaterialId()).isNotEqualTo(k.currentKeyMaterialId());
    var rotations = kms.listKeyRotations(b -> b.keyId(k.keyId())).rotations();
    assertThat(rotations).hasSize(1);
    assertThat(rotations.get(0).rotationType()).isEqualTo(RotationType.ON_DEMAND);
    assertThat(rotations.get(0).keyMaterialId()).isEqualTo(after.currentKeyMaterialId());
    assertThat(rotations.get(0).keyMaterialState()).isEqualTo(KeyMaterialState.CURRENT);
    assertThat(rotations.get(0).rotationDate()).isNotNull();
    var all =
        kms.listKeyRotations(
                b -> b.keyId(k.keyId()).includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL))
            .rotations();
    assertThat(all).hasSize(2);
    assertThat(all.get(0).keyMaterialId()).isEqualTo(k.currentKeyMaterialId());
    assertThat(all.get(0).keyMaterialState()).isEqualTo(KeyMaterialState.NON_CURRENT);
    assertThat(all.get(0).rotationType()).isNull();
  }

  @Test
  void rotateKeyOnDemand_twentySixthTime_isLimitExceeded() {
    KeyMetadata k = newKey();
    for (int i = 0; i < 25; i++) {
      kms.rotateKeyOnDemand(b -> b.keyId(k.keyId()));
    }
    assertThatThrownBy(() -> kms.rotateKeyOnDemand(b -> b.keyId(k.keyId())))
        .isInstanceOf(LimitExceededException.class);
    var page = kms.listKeyRotations(b -> b.keyId(k.keyId()).limit(10));
    assertThat(page.rotations()).hasSize(10);
    assertThat(page.truncated()).isTrue();
    assertThat(kms.listKeyRotationsPaginator(b -> b.keyId(k.keyId()).limit(10)).rotations())
        .hasSize(25);
  }

  // ---- the AWS managed key aws/secretsmanager ----

  @Test
  void listAliases_beforeFirstUse_showsPredefinedAliasWithoutTarget() {
    try (KmsClient fresh = server.kms("eu-central-1")) {
      var aliases = fresh.listAliases(b -> {}).aliases();
      assertThat(aliases)
          .anySatisfy(a -> {
            assertThat(a.aliasName()).isEqualTo("alias/aws/secretsmanager");
            assertThat(a.targetKeyId()).isNull();
          });
      KeyMetadata k = fresh.describeKey(b -> b.keyId("alias/aws/secretsmanager")).keyMetadata();
      assertThat(k.keyManager()).isEqualTo(KeyManagerType.AWS);
      assertThat(k.arn()).startsWith("arn:aws:kms:eu-central-1:" + ACCOUNT + ":key/");
      assertThat(fresh.listAliases(b -> {}).aliases())
          .anySatisfy(a -> {
            assertThat(a.aliasName()).isEqualTo("alias/aws/secretsmanager");
            assertThat(a.targetKeyId()).isEqualTo(k.keyId());
          });
      assertThat(fresh.describeKey(b -> b.keyId("alias/aws/secretsmanager")).keyMetadata().keyId())
          .isEqualTo(k.keyId());
    }
  }

  @Test
  void awsManagedKey_rotatesYearlyAndHasTheSecretsManagerPolicy() throws Exception {
    KeyMetadata k = kms.describeKey(b -> b.keyId("alias/aws/secretsmanager")).keyMetadata();
    assertThat(k.description()).contains("Secrets Manager");
    var status = kms.getKeyRotationStatus(b -> b.keyId(k.keyId()));
    assertThat(status.keyRotationEnabled()).isTrue();
    assertThat(status.rotationPeriodInDays()).isEqualTo(365);
    JsonNode policy = JSON.readTree(kms.getKeyPolicy(b -> b.keyId(k.keyId())).policy());
    assertThat(policy.get("Id").asText()).isEqualTo("auto-secretsmanager-2");
    assertThat(policy.toString()).contains("secretsmanager.us-east-1.amazonaws.com");
  }

  @Test
  void awsManagedKey_changes_areRefused() {
    String id = kms.describeKey(b -> b.keyId("alias/aws/secretsmanager")).keyMetadata().keyId();
    String policy = kms.getKeyPolicy(b -> b.keyId(id)).policy();
    List<Runnable> denied =
        List.of(
            () -> kms.disableKey(b -> b.keyId(id)),
            () -> kms.scheduleKeyDeletion(b -> b.keyId(id)),
            () -> kms.putKeyPolicy(b -> b.keyId(id).policy(policy)),
            () -> kms.tagResource(b -> b.keyId(id).tags(tag("a", "b"))),
            () -> kms.createAlias(b -> b.aliasName(alias()).targetKeyId(id)),
            () -> kms.deleteAlias(b -> b.aliasName("alias/aws/secretsmanager")));
    for (Runnable r : denied) {
      assertThatThrownBy(r::run)
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
    }
    assertThatThrownBy(() -> kms.rotateKeyOnDemand(b -> b.keyId(id)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> kms.enableKeyRotation(b -> b.keyId(id)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> kms.disableKeyRotation(b -> b.keyId(id)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(kms.describeKey(b -> b.keyId(id)).keyMetadata().keyState())
        .isEqualTo(KeyState.ENABLED);
  }

  @Test
  void generateRandom_requestedLength_returnsThatManyBytes() {
    SdkBytes r = kms.generateRandom(b -> b.numberOfBytes(37)).plaintext();
    assertThat(r.asByteArray()).hasSize(37);
    assertThat(kms.generateRandom(b -> b.numberOfBytes(37)).plaintext()).isNotEqualTo(r);
    assertThatThrownBy(() -> kms.generateRandom(b -> b.numberOfBytes(1025)))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
    assertThatThrownBy(() -> kms.generateRandom(b -> {}))
        .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
  }
}
