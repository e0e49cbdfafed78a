package dev.coffer.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.DecryptionFailure;
import dev.coffer.crypto.KeyFile;
import dev.coffer.kms.LocalKeyProtector;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.Store;
import dev.coffer.store.StoredValue;
import dev.coffer.store.ValueType;
import dev.coffer.store.VersionRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What replication does below the API: state the Secrets Manager operations of this branch cannot
 * set yet (rotation, resource policy) and the encryption context of replica values.
 */
class ReplicationTest {
  static final String ACCOUNT = "123456789012";
  static final String PRIMARY = "us-east-1";
  static final String REPLICA = "eu-west-1";

  @TempDir Path dir;
  Store store;
  SecretsService secrets;

  @BeforeEach
  void open() {
    store = Store.open("jdbc:sqlite:" + dir.resolve("coffer.db"), "", "");
    secrets = replicating(store, dir);
  }

  /** A service on {@code store} hosting both regions, its value key in {@code dir}. */
  static SecretsService replicating(Store store, Path dir) {
    return new SecretsService(
        store,
        new LocalKeyProtector(KeyFile.loadOrCreate(dir.resolve("value.key"))),
        Clock.systemUTC(),
        Set.of(PRIMARY, REPLICA));
  }

  @AfterEach
  void close() {
    store.close();
  }

  static RequestContext in(String region) {
    return new RequestContext(
        UUID.randomUUID().toString(),
        Instant.now(),
        Caller.root(ACCOUNT, "AKIDTEST"),
        region,
        "127.0.0.1",
        "",
        false,
        Optional.empty());
  }

  /** A secret with value "v1" in us-east-1, replicated to eu-west-1. */
  SecretsService.WriteResult replicated(String name) {
    return secrets.create(
        in(PRIMARY),
        new SecretsService.CreateRequest(
            name,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(SecretPayload.ofString("v1")),
            List.of(),
            Optional.empty(),
            List.of(new Replication.ReplicaRegion(REPLICA, Optional.empty())),
            false));
  }

  SecretRecord row(String region, String name) {
    return store.read(tx -> tx.secrets().findByName(ACCOUNT, region, name, false).orElseThrow());
  }

  @Test
  void propagate_rotationPolicyAndDeletionState_copiedToReplica() {
    replicated("rotating");
    Instant rotated = Instant.parse("2026-01-01T00:00:00Z");
    store.execute(tx -> {
      SecretRecord p = tx.secrets().findByName(ACCOUNT, PRIMARY, "rotating", true).orElseThrow();
      secrets
          .replication()
          .propagate(
              tx,
              tx.secrets()
                  .update(
                      p.toBuilder()
                          .rotationEnabled(true)
                          .rotationLambdaArn("arn:aws:lambda:us-east-1:123456789012:function:rot")
                          .rotationRules("{\"AutomaticallyAfterDays\":30}")
                          .lastRotatedAt(rotated)
                          .nextRotationAt(rotated.plusSeconds(30 * 86_400L))
                          .resourcePolicy("{\"Version\":\"2012-10-17\",\"Statement\":[]}")
                          .deletionAt(rotated.plusSeconds(7 * 86_400L))
                          .build()));
    });

    SecretRecord p = row(PRIMARY, "rotating");
    SecretRecord r = row(REPLICA, "rotating");
    assertThat(r.rotationEnabled()).isEqualTo(p.rotationEnabled()).contains(true);
    assertThat(r.rotationLambdaArn()).isEqualTo(p.rotationLambdaArn());
    assertThat(r.rotationRules()).isEqualTo(p.rotationRules());
    assertThat(r.lastRotatedAt()).isEqualTo(p.lastRotatedAt()).contains(rotated);
    assertThat(r.nextRotationAt()).isEqualTo(p.nextRotationAt());
    assertThat(r.resourcePolicy()).isEqualTo(p.resourcePolicy()).isPresent();
    assertThat(r.deletionAt()).isEqualTo(p.deletionAt()).isPresent();
  }

  @Test
  void replicaValue_isBoundToReplicaArnNotPrimaryArn() {
    var created = replicated("bound");
    String versionId = created.versionId().orElseThrow();
    SecretRecord primary = row(PRIMARY, "bound");
    SecretRecord replica = row(REPLICA, "bound");
    StoredValue primaryValue =
        store.read(tx -> tx.secrets().readValue(primary.id(), versionId).orElseThrow());
    StoredValue replicaValue =
        store.read(tx -> tx.secrets().readValue(replica.id(), versionId).orElseThrow());

    assertThat(replica.arn()).isEqualTo(SecretArns.inRegion(primary.arn(), REPLICA));
    assertThat(replicaValue.blob()).isNotEqualTo(primaryValue.blob());
    assertThat(secrets.unprotect(replica.arn(), versionId, replicaValue).string()).isEqualTo("v1");
    assertThatThrownBy(() -> secrets.unprotect(primary.arn(), versionId, replicaValue))
        .isInstanceOf(DecryptionFailure.class);
  }

  @Test
  void propagate_placeholderVersionFilledLater_replicaGetsTheValue() {
    replicated("pending");
    String token = UUID.randomUUID().toString();
    // What RotateSecret does before the rotation function's createSecret step: an AWSPENDING
    // version without a value.
    store.execute(tx -> {
      SecretRecord p = tx.secrets().findByName(ACCOUNT, PRIMARY, "pending", true).orElseThrow();
      VersionRecord placeholder =
          new VersionRecord(
              token, Instant.now(), Optional.empty(), Optional.empty(), ValueType.NONE);
      tx.secrets().insertVersion(p.id(), placeholder, Optional.empty());
      Map<String, String> stages = new java.util.LinkedHashMap<>(p.stages());
      stages.put("AWSPENDING", token);
      secrets
          .replication()
          .propagate(
              tx,
              tx.secrets().update(p.toBuilder().withVersion(placeholder).stages(stages).build()));
    });
    assertThat(row(REPLICA, "pending").stagesOf(token)).containsExactly("AWSPENDING");
    assertThatThrownBy(
            () -> secrets.getValue(in(REPLICA), "pending", Optional.of(token), Optional.empty()))
        .hasMessageContaining("can't find the specified secret value");

    secrets.putValue(
        in(PRIMARY),
        new SecretsService.PutRequest(
            "pending",
            Optional.of(token),
            SecretPayload.ofString("v2"),
            Optional.of(List.of("AWSPENDING"))));

    SecretValueView got =
        secrets.getValue(in(REPLICA), "pending", Optional.empty(), Optional.of("AWSPENDING"));
    assertThat(got.versionId()).isEqualTo(token);
    assertThat(got.payload().string()).isEqualTo("v2");
  }
}
