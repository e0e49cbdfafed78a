package dev.coffer.protocol.secretsmanager;

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
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ReplicaRegionType;
import software.amazon.awssdk.services.secretsmanager.model.ReplicationStatusType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.StatusType;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Multi-Region replication driven through the AWS SDK for Java v2, one client per region against
 * one server that hosts them all. Subclasses choose the storage backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReplicationContract {
  static final String PRIMARY = "us-east-1";
  static final String EU = "eu-west-1";
  static final String AP = "ap-southeast-2";
  static final String REPLICA_ERROR =
      "Operation not permitted on a replica secret. Call must be made in primary secret's region.";

  TestServer server;
  SecretsManagerClient us;
  SecretsManagerClient eu;
  SecretsManagerClient ap;

  abstract Backend backend();

  @BeforeAll
  void startServer() {
    server = TestServer.start(backend());
    us = server.secretsManager(PRIMARY);
    eu = server.secretsManager(EU);
    ap = server.secretsManager(AP);
    // Customer keys the tests name by alias; KMS keys are regional, like the replicas.
    alias(AP, "alias/ap");
    alias(PRIMARY, "alias/primary-key");
    alias(EU, "alias/eu-key");
  }

  private void alias(String region, String name) {
    try (var kms = server.kms(region)) {
      String keyId = kms.createKey(b -> {}).keyMetadata().keyId();
      kms.createAlias(b -> b.aliasName(name).targetKeyId(keyId));
    }
  }

  @AfterAll
  void stopServer() {
    us.close();
    eu.close();
    ap.close();
    server.close();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static ReplicaRegionType region(String region) {
    return ReplicaRegionType.builder().region(region).build();
  }

  static String inRegion(String arn, String region) {
    return arn.replace(":" + PRIMARY + ":", ":" + region + ":");
  }

  /** A secret in us-east-1 replicated to eu-west-1. */
  CreateSecretResponse replicated(String name, String value) {
    return us.createSecret(b -> b.name(name).secretString(value).addReplicaRegions(region(EU)));
  }

  @Test
  void createSecret_withReplicaRegions_readableInEveryRegion() {
    String name = unique("multi");
    CreateSecretResponse created =
        us.createSecret(b ->
            b.name(name)
                .secretString("v1")
                .addReplicaRegions(
                    region(EU),
                    ReplicaRegionType.builder().region(AP).kmsKeyId("alias/ap").build()));

    assertThat(created.replicationStatus())
        .extracting(ReplicationStatusType::region, ReplicationStatusType::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(EU, StatusType.IN_SYNC),
            org.assertj.core.groups.Tuple.tuple(AP, StatusType.IN_SYNC));
    assertThat(created.replicationStatus())
        .filteredOn(r -> r.region().equals(AP))
        .extracting(ReplicationStatusType::kmsKeyId)
        .containsExactly("alias/ap");
    for (var client : List.of(eu, ap)) {
      var got = client.getSecretValue(b -> b.secretId(name));
      assertThat(got.secretString()).isEqualTo("v1");
      assertThat(got.name()).isEqualTo(name);
      assertThat(got.versionId()).isEqualTo(created.versionId());
      assertThat(got.versionStages()).containsExactly("AWSCURRENT");
    }
    assertThat(eu.getSecretValue(b -> b.secretId(name)).arn())
        .isEqualTo(inRegion(created.arn(), EU));
    assertThat(ap.getSecretValue(b -> b.secretId(inRegion(created.arn(), AP))).secretString())
        .isEqualTo("v1");
  }

  @Test
  void describeSecret_primaryAndReplica_showTopology() {
    String name = unique("topology");
    String arn = replicated(name, "v").arn();

    DescribeSecretResponse primary = us.describeSecret(b -> b.secretId(name));
    assertThat(primary.primaryRegion()).isEqualTo(PRIMARY);
    assertThat(primary.replicationStatus()).hasSize(1);
    ReplicationStatusType status = primary.replicationStatus().get(0);
    assertThat(status.region()).isEqualTo(EU);
    assertThat(status.status()).isEqualTo(StatusType.IN_SYNC);
    assertThat(status.kmsKeyId()).isEqualTo("alias/aws/secretsmanager");
    assertThat(status.lastAccessedDate()).isNull();

    DescribeSecretResponse replica = eu.describeSecret(b -> b.secretId(name));
    assertThat(replica.arn()).isEqualTo(inRegion(arn, EU));
    assertThat(replica.primaryRegion()).isEqualTo(PRIMARY);
    assertThat(replica.replicationStatus()).isEmpty();
    assertThat(replica.versionIdsToStages()).isEqualTo(primary.versionIdsToStages());

    eu.getSecretValue(b -> b.secretId(name));
    assertThat(
            us.describeSecret(b -> b.secretId(name)).replicationStatus().get(0).lastAccessedDate())
        .isNotNull();
  }

  @Test
  void describeSecret_standaloneSecret_hasNoReplicationMembers() {
    String name = unique("single");
    us.createSecret(b -> b.name(name).secretString("v"));
    DescribeSecretResponse d = us.describeSecret(b -> b.secretId(name));
    assertThat(d.primaryRegion()).isNull();
    assertThat(d.replicationStatus()).isEmpty();
  }

  @Test
  void putSecretValue_onPrimary_replicaHasNewValueAndLabels() {
    String name = unique("put");
    String first = replicated(name, "v1").versionId();
    String second = us.putSecretValue(b -> b.secretId(name).secretString("v2")).versionId();

    var current = eu.getSecretValue(b -> b.secretId(name));
    assertThat(current.secretString()).isEqualTo("v2");
    assertThat(current.versionId()).isEqualTo(second);
    var previous = eu.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS"));
    assertThat(previous.secretString()).isEqualTo("v1");
    assertThat(previous.versionId()).isEqualTo(first);

    us.updateSecretVersionStage(b -> b.secretId(name).versionStage("blue").moveToVersionId(first));
    assertThat(eu.getSecretValue(b -> b.secretId(name).versionStage("blue")).secretString())
        .isEqualTo("v1");
    assertThat(eu.describeSecret(b -> b.secretId(name)).versionIdsToStages())
        .isEqualTo(us.describeSecret(b -> b.secretId(name)).versionIdsToStages());
    assertThat(eu.listSecretVersionIds(b -> b.secretId(name)).versions()).hasSize(2);
  }

  @Test
  void updateSecret_onPrimary_replicaFollowsValueDescriptionAndTags() {
    String name = unique("update");
    replicated(name, "v1");
    us.updateSecret(b -> b.secretId(name).description("about it").secretString("v2"));
    us.tagResource(b -> b.secretId(name).tags(Tag.builder().key("team").value("core").build()));
    us.tagResource(b -> b.secretId(name).tags(Tag.builder().key("gone").value("soon").build()));
    us.untagResource(b -> b.secretId(name).tagKeys("gone"));

    DescribeSecretResponse replica = eu.describeSecret(b -> b.secretId(name));
    assertThat(replica.description()).isEqualTo("about it");
    assertThat(replica.tags()).containsExactly(Tag.builder().key("team").value("core").build());
    assertThat(replica.lastChangedDate())
        .isEqualTo(us.describeSecret(b -> b.secretId(name)).lastChangedDate());
    assertThat(eu.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("v2");
  }

  @Test
  void updateSecret_primaryKmsKeyChanges_replicaKeepsItsOwnKeyAndStaysReadable() {
    String name = unique("rekey");
    replicated(name, "v1");
    us.updateSecret(b -> b.secretId(name).kmsKeyId("alias/primary-key"));

    assertThat(us.describeSecret(b -> b.secretId(name)).kmsKeyId()).isEqualTo("alias/primary-key");
    DescribeSecretResponse replica = eu.describeSecret(b -> b.secretId(name));
    assertThat(replica.kmsKeyId()).isNull();
    assertThat(eu.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("v1");
  }

  @Test
  void replicateSecretToRegions_existingReplicaWithNewKey_changesReplicaKey() {
    String name = unique("replica-key");
    replicated(name, "v1");
    var r =
        us.replicateSecretToRegions(b ->
            b.secretId(name)
                .addReplicaRegions(
                    ReplicaRegionType.builder().region(EU).kmsKeyId("alias/eu-key").build()));

    assertThat(r.replicationStatus()).hasSize(1);
    assertThat(r.replicationStatus().get(0).kmsKeyId()).isEqualTo("alias/eu-key");
    assertThat(r.replicationStatus().get(0).status()).isEqualTo(StatusType.IN_SYNC);
    assertThat(eu.describeSecret(b -> b.secretId(name)).kmsKeyId()).isEqualTo("alias/eu-key");
    assertThat(eu.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("v1");
  }

  @Test
  void replicateSecretToRegions_existingSecret_copiesEveryVersion() {
    String name = unique("later");
    String arn = us.createSecret(b -> b.name(name).secretString("v1")).arn();
    us.putSecretValue(b -> b.secretId(name).secretString("v2"));
    var r = us.replicateSecretToRegions(b -> b.secretId(name).addReplicaRegions(region(AP)));

    assertThat(r.arn()).isEqualTo(arn);
    assertThat(r.replicationStatus())
        .extracting(ReplicationStatusType::region, ReplicationStatusType::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AP, StatusType.IN_SYNC));
    assertThat(ap.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("v2");
    assertThat(ap.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")).secretString())
        .isEqualTo("v1");
  }

  @Test
  void writes_toReplica_areRefusedWithInvalidParameter() {
    String name = unique("readonly");
    String first = replicated(name, "v1").versionId();
    List<Executable> writes =
        List.of(
            () -> eu.putSecretValue(b -> b.secretId(name).secretString("x")),
            () -> eu.updateSecret(b -> b.secretId(name).description("x")),
            () -> eu.tagResource(b -> b.secretId(name).tags(Tag.builder().key("k").build())),
            () -> eu.untagResource(b -> b.secretId(name).tagKeys("k")),
            () ->
                eu.updateSecretVersionStage(
                    b -> b.secretId(name).versionStage("blue").moveToVersionId(first)),
            () -> eu.replicateSecretToRegions(b -> b.secretId(name).addReplicaRegions(region(AP))),
            () -> eu.removeRegionsFromReplication(b -> b.secretId(name).removeReplicaRegions(AP)));
    for (Executable write : writes) {
      assertThatThrownBy(write::execute)
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining(REPLICA_ERROR);
    }
    assertThat(eu.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("v1");
  }

  @Test
  void deleteSecret_primaryWithReplicas_isRefusedUntilReplicasAreRemoved() {
    String name = unique("keep");
    replicated(name, "v");
    assertThatThrownBy(() -> us.deleteSecret(b -> b.secretId(name)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("still has replica regions [" + EU + "]");
    assertThatThrownBy(
            () -> us.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true)))
        .isInstanceOf(InvalidParameterException.class);

    us.removeRegionsFromReplication(b -> b.secretId(name).removeReplicaRegions(EU));
    assertThat(us.deleteSecret(b -> b.secretId(name)).deletionDate()).isNotNull();
  }

  @Test
  void deleteSecret_onReplica_deletesItAtOnceAndLeavesThePrimaryList() {
    String name = unique("drop-replica");
    replicated(name, "v");
    eu.deleteSecret(b -> b.secretId(name));

    assertThatThrownBy(() -> eu.describeSecret(b -> b.secretId(name)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(us.describeSecret(b -> b.secretId(name)).replicationStatus()).isEmpty();
  }

  @Test
  void removeRegionsFromReplication_deletesReplicaAtOnce() {
    String name = unique("remove");
    String arn =
        us.createSecret(
                b -> b.name(name).secretString("v").addReplicaRegions(region(EU), region(AP)))
            .arn();
    var r = us.removeRegionsFromReplication(b -> b.secretId(name).removeReplicaRegions(EU));

    assertThat(r.arn()).isEqualTo(arn);
    assertThat(r.replicationStatus()).extracting(ReplicationStatusType::region).containsExactly(AP);
    assertThatThrownBy(() -> eu.getSecretValue(b -> b.secretId(name)))
        .isInstanceOf(ResourceNotFoundException.class);
    // No recovery window: the name is free in that region straight away.
    eu.createSecret(b -> b.name(name).secretString("own"));
    assertThat(eu.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("own");
    assertThat(ap.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("v");
  }

  @Test
  void removeRegionsFromReplication_regionNotReplicated_isIgnored() {
    String name = unique("remove-unknown");
    replicated(name, "v");
    var r = us.removeRegionsFromReplication(b -> b.secretId(name).removeReplicaRegions(AP));
    assertThat(r.replicationStatus()).extracting(ReplicationStatusType::region).containsExactly(EU);
  }

  @Test
  void stopReplicationToReplica_inReplicaRegion_promotesReplicaToStandaloneSecret() {
    String name = unique("promote");
    String arn = replicated(name, "v1").arn();
    var stopped = eu.stopReplicationToReplica(b -> b.secretId(name));

    assertThat(stopped.arn()).isEqualTo(inRegion(arn, EU));
    DescribeSecretResponse promoted = eu.describeSecret(b -> b.secretId(name));
    assertThat(promoted.primaryRegion()).isNull();
    assertThat(promoted.replicationStatus()).isEmpty();
    DescribeSecretResponse primary = us.describeSecret(b -> b.secretId(name));
    assertThat(primary.primaryRegion()).isNull();
    assertThat(primary.replicationStatus()).isEmpty();

    eu.putSecretValue(b -> b.secretId(name).secretString("eu-only"));
    us.putSecretValue(b -> b.secretId(name).secretString("us-only"));
    assertThat(eu.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("eu-only");
    assertThat(eu.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")).secretString())
        .isEqualTo("v1");
    assertThat(us.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("us-only");
    // The promoted secret is a primary of its own now and can be deleted.
    eu.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
  }

  @Test
  void stopReplicationToReplica_onPrimary_isInvalidRequest() {
    String name = unique("not-replica");
    replicated(name, "v");
    assertThatThrownBy(() -> us.stopReplicationToReplica(b -> b.secretId(name)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("isn't a replica secret");
  }

  @Test
  void stopReplicationToReplica_unknownSecret_isResourceNotFound() {
    assertThatThrownBy(() -> eu.stopReplicationToReplica(b -> b.secretId(unique("nothing"))))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void replicateSecretToRegions_sameNameInTargetRegion_failsUnlessForced() {
    String name = unique("taken");
    eu.createSecret(b -> b.name(name).secretString("eu-own"));
    CreateSecretResponse created = replicated(name, "primary");

    ReplicationStatusType failed = created.replicationStatus().get(0);
    assertThat(failed.region()).isEqualTo(EU);
    assertThat(failed.status()).isEqualTo(StatusType.FAILED);
    assertThat(failed.statusMessage())
        .isEqualTo("Secret with this name already exists in this region");
    assertThat(eu.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("eu-own");
    assertThat(eu.describeSecret(b -> b.secretId(name)).primaryRegion()).isNull();

    var again = us.replicateSecretToRegions(b -> b.secretId(name).addReplicaRegions(region(EU)));
    assertThat(again.replicationStatus().get(0).status()).isEqualTo(StatusType.FAILED);

    var forced =
        us.replicateSecretToRegions(
            b -> b.secretId(name).addReplicaRegions(region(EU)).forceOverwriteReplicaSecret(true));
    assertThat(forced.replicationStatus().get(0).status()).isEqualTo(StatusType.IN_SYNC);
    assertThat(eu.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("primary");
    assertThat(eu.describeSecret(b -> b.secretId(name)).primaryRegion()).isEqualTo(PRIMARY);
  }

  @Test
  void createSecret_forceOverwriteReplicaSecret_replacesSameNamedSecret() {
    String name = unique("overwrite");
    eu.createSecret(b -> b.name(name).secretString("eu-own").description("old"));
    CreateSecretResponse created =
        us.createSecret(b ->
            b.name(name)
                .secretString("primary")
                .addReplicaRegions(region(EU))
                .forceOverwriteReplicaSecret(true));

    assertThat(created.replicationStatus().get(0).status()).isEqualTo(StatusType.IN_SYNC);
    assertThat(eu.getSecretValue(b -> b.secretId(name)).arn())
        .isEqualTo(inRegion(created.arn(), EU));
    assertThat(eu.describeSecret(b -> b.secretId(name)).description()).isNull();
  }

  @Test
  void replicateSecretToRegions_regionNotHosted_isFailedWithReason() {
    String name = unique("unhosted");
    us.createSecret(b -> b.name(name).secretString("v"));
    var r =
        us.replicateSecretToRegions(b -> b.secretId(name).addReplicaRegions(region("moon-base-1")));

    ReplicationStatusType status = r.replicationStatus().get(0);
    assertThat(status.status()).isEqualTo(StatusType.FAILED);
    assertThat(status.statusMessage()).contains("moon-base-1").contains("not hosted");
    assertThat(us.describeSecret(b -> b.secretId(name)).replicationStatus())
        .containsExactly(status);
  }

  @Test
  void replicateSecretToRegions_primaryRegionOrDuplicate_isInvalidParameter() {
    String name = unique("bad-region");
    us.createSecret(b -> b.name(name).secretString("v"));
    assertThatThrownBy(() ->
            us.replicateSecretToRegions(b -> b.secretId(name).addReplicaRegions(region(PRIMARY))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Invalid replica region");
    assertThatThrownBy(() ->
            us.replicateSecretToRegions(
                b -> b.secretId(name).addReplicaRegions(region(EU), region(EU))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() ->
            us.createSecret(b ->
                b.name(unique("own-region")).secretString("v").addReplicaRegions(region(PRIMARY))))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(us.describeSecret(b -> b.secretId(name)).replicationStatus()).isEmpty();
  }

  @Test
  void replicateSecretToRegions_malformedRegion_isValidationException() {
    String name = unique("pattern");
    us.createSecret(b -> b.name(name).secretString("v"));
    assertThatThrownBy(() ->
            us.replicateSecretToRegions(b -> b.secretId(name).addReplicaRegions(region("EU_WEST"))))
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "1 validation error detected: Value 'EU_WEST' at"
                          + " 'addReplicaRegions.1.member.region' failed to satisfy constraint:"
                          + " Member must satisfy regular expression pattern:"
                          + " ^([a-z]+-)+\\d+$");
            });
    assertThatThrownBy(() ->
            us.removeRegionsFromReplication(b -> b.secretId(name).removeReplicaRegions("Nowhere")))
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void replicateSecretToRegions_unknownSecret_isResourceNotFound() {
    assertThatThrownBy(() ->
            us.replicateSecretToRegions(
                b -> b.secretId(unique("missing")).addReplicaRegions(region(EU))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() ->
            us.removeRegionsFromReplication(
                b -> b.secretId(unique("missing")).removeReplicaRegions(EU)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void replicateSecretToRegions_secretScheduledForDeletion_isInvalidRequest() {
    String name = unique("deleting");
    us.createSecret(b -> b.name(name).secretString("v"));
    us.deleteSecret(b -> b.secretId(name));
    assertThatThrownBy(
            () -> us.replicateSecretToRegions(b -> b.secretId(name).addReplicaRegions(region(EU))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("marked for deletion");
    assertThatThrownBy(
            () -> us.removeRegionsFromReplication(b -> b.secretId(name).removeReplicaRegions(EU)))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void putResourcePolicy_onPrimary_reachesReplicaAndReplicaRefusesPolicyWrites() {
    String name = unique("policy");
    replicated(name, "v");
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},"
            + "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}";
    us.putResourcePolicy(b -> b.secretId(name).resourcePolicy(policy));
    assertThat(eu.getResourcePolicy(b -> b.secretId(name)).resourcePolicy()).isEqualTo(policy);
    assertThatThrownBy(() -> eu.deleteResourcePolicy(b -> b.secretId(name)))
        .isInstanceOf(
            software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException.class)
        .hasMessageContaining("replica");
    us.deleteResourcePolicy(b -> b.secretId(name));
    assertThat(eu.getResourcePolicy(b -> b.secretId(name)).resourcePolicy()).isNull();
  }

  @Test
  void listSecrets_inReplicaRegion_listsReplicaWithPrimaryRegionFilter() {
    String name = unique("listed");
    replicated(name, "v");
    var listed =
        eu.listSecrets(b ->
            b.filters(
                software.amazon.awssdk.services.secretsmanager.model.Filter.builder()
                    .key("name")
                    .values(name)
                    .build(),
                software.amazon.awssdk.services.secretsmanager.model.Filter.builder()
                    .key("primary-region")
                    .values(PRIMARY)
                    .build()));
    assertThat(listed.secretList()).extracting(e -> e.name()).containsExactly(name);
    assertThat(listed.secretList().get(0).primaryRegion()).isEqualTo(PRIMARY);
  }
}
