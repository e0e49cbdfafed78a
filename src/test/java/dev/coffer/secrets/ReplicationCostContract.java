package dev.coffer.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.audit.AuditLog;
import dev.coffer.audit.AuditSettings;
import dev.coffer.store.RowCounter;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.Store;
import dev.coffer.store.ValueType;
import dev.coffer.store.VersionRecord;
import dev.coffer.testing.Backend;
import dev.coffer.testing.EmbeddedPostgresHolder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write to a replicated secret costs the same however many unlabelled versions the secret has:
 * replication copies the versions the write touched, not all of them. Measured in version rows read
 * and written (RowCounter), never in time, against each backend; the replica is checked to be in
 * step with its primary after every write.
 */
abstract class ReplicationCostContract {
  private static final String PRIMARY = ReplicationTest.PRIMARY;
  private static final String REPLICA = ReplicationTest.REPLICA;
  private static final int FILLER = 1_000;

  @TempDir Path dir;
  Store store;
  SecretsService secrets;

  abstract Backend backend();

  @BeforeEach
  void open() {
    store =
        backend() == Backend.SQLITE
            ? Store.open("jdbc:sqlite:" + dir.resolve("coffer.db"), "", "")
            : Store.open(EmbeddedPostgresHolder.newDatabase(), "postgres", "");
    secrets = ReplicationTest.replicating(store, dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** What one service call cost, in version rows and queries. */
  private record Cost(int rowsRead, int queries, int rowsWritten) {}

  @Test
  void writesToReplicatedSecret_thousandsOfUnlabelledVersions_costAsWithTwo() {
    String few = replicatedWithTwoVersions();
    String many = replicatedWithTwoVersions();
    addUnlabelledVersions(many);
    assertInStep(many);

    for (Function<String, Runnable> write : writes()) {
      Cost small = cost(write.apply(few));
      Cost large = cost(write.apply(many));
      assertThat(large).isEqualTo(small);
      assertThat(large.rowsRead()).isLessThan(20);
      assertInStep(few);
      assertInStep(many);
    }
    SecretRecord replica = row(REPLICA, many);
    assertThat(
            secrets
                .getValue(ReplicationTest.in(REPLICA), many, Optional.empty(), Optional.empty())
                .payload()
                .string())
        .isEqualTo("v3");
    assertThat(versionCount(replica)).isEqualTo(FILLER + 4L);
  }

  @Test
  void replicaMissingAVersion_nextWriteCopiesEveryVersion() {
    String name = replicatedWithTwoVersions();
    addUnlabelledVersions(name);
    SecretRecord replica = row(REPLICA, name);
    // No operation does this; a replica out of step some other way is brought back all the same.
    store.execute(tx -> tx.secrets().deleteVersion(replica.id(), filler(7)));

    put(name, "v3").run();

    assertInStep(name);
  }

  @Test
  void housekeeping_replicatedSecretWithOldVersions_trimsPrimaryAndReplicaAlike() {
    String name = replicatedWithTwoVersions();
    addUnlabelledVersions(name, Duration.ofDays(2));
    Map<String, String> labels = row(PRIMARY, name).stages();

    new SecretLifecycle(secrets, AuditLog.open(store, AuditSettings.defaults())).runHousekeeping();

    assertInStep(name);
    SecretRecord p = row(PRIMARY, name);
    assertThat(versionCount(p)).isEqualTo(100);
    assertThat(p.stages()).isEqualTo(labels);
    put(name, "v2").run();
    assertInStep(name);
  }

  /** PutSecretValue, UpdateSecretVersionStage (onto an old version and back), TagResource. */
  private List<Function<String, Runnable>> writes() {
    List<Function<String, Runnable>> out = new ArrayList<>();
    out.add(name -> put(name, "v2"));
    // The version ids are looked up before the write is counted.
    out.add(name -> {
      String first = firstVersion(name);
      return () ->
          secrets.updateVersionStage(
              ReplicationTest.in(PRIMARY), name, "OLD", Optional.empty(), Optional.of(first));
    });
    out.add(name -> {
      String first = firstVersion(name);
      return () ->
          secrets.updateVersionStage(
              ReplicationTest.in(PRIMARY), name, "OLD", Optional.of(first), Optional.empty());
    });
    out.add(name ->
        () ->
            secrets.tag(
                ReplicationTest.in(PRIMARY), name, List.of(new SecretView.TagView("team", "a"))));
    out.add(name -> put(name, "v3"));
    return out;
  }

  private Runnable put(String name, String value) {
    return () ->
        secrets.putValue(
            ReplicationTest.in(PRIMARY),
            new SecretsService.PutRequest(
                name, Optional.empty(), SecretPayload.ofString(value), Optional.empty()));
  }

  private Cost cost(Runnable write) {
    RowCounter counter = new RowCounter();
    counter.write(
        store,
        tx -> {
          write.run();
          return Boolean.TRUE;
        });
    return new Cost(
        counter.versionRowsRead(), counter.versionQueries(), counter.written("secret_versions"));
  }

  /** A secret replicated to REPLICA whose versions are "v0" (AWSPREVIOUS) and "v1" (AWSCURRENT). */
  private String replicatedWithTwoVersions() {
    String name = "cost-" + UUID.randomUUID().toString().substring(0, 8);
    secrets.create(
        ReplicationTest.in(PRIMARY),
        new SecretsService.CreateRequest(
            name,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(SecretPayload.ofString("v0")),
            List.of(),
            Optional.empty(),
            List.of(new Replication.ReplicaRegion(REPLICA, Optional.empty())),
            false));
    put(name, "v1").run();
    return name;
  }

  /**
   * Adds FILLER versions without a label or value to the primary and the same ones to its replica,
   * older than the secret's own, as a secret collects them over time.
   */
  private void addUnlabelledVersions(String name) {
    addUnlabelledVersions(name, Duration.ofHours(1));
  }

  /** As above, the newest {@code age} older than the secret. */
  private void addUnlabelledVersions(String name, Duration age) {
    SecretRecord primary = row(PRIMARY, name);
    SecretRecord replica = row(REPLICA, name);
    Instant before = primary.createdAt().minus(age).minusMillis(FILLER);
    store.execute(tx -> {
      for (int i = 0; i < FILLER; i++) {
        VersionRecord v =
            new VersionRecord(
                filler(i),
                before.plusMillis(i),
                Optional.empty(),
                Optional.empty(),
                ValueType.NONE);
        tx.secrets().insertVersion(primary.id(), v, Optional.empty());
        tx.secrets().insertVersion(replica.id(), v, Optional.empty());
      }
    });
  }

  private static String filler(int i) {
    return String.format("00000000-0000-0000-0000-%012d", i);
  }

  /** The oldest version with a value: the one CreateSecret made. */
  private String firstVersion(String name) {
    SecretRecord p = row(PRIMARY, name);
    return store.read(tx -> tx.secrets().versions(p.id())).stream()
        .filter(v -> v.valueType() != ValueType.NONE)
        .findFirst()
        .orElseThrow()
        .versionId();
  }

  /** Same versions (ids and creation times), labels, tags and current value on both sides. */
  private void assertInStep(String name) {
    SecretRecord p = row(PRIMARY, name);
    SecretRecord r = row(REPLICA, name);
    List<VersionRecord> pv = store.read(tx -> tx.secrets().versions(p.id()));
    List<VersionRecord> rv = store.read(tx -> tx.secrets().versions(r.id()));
    assertThat(rv)
        .extracting(VersionRecord::versionId, VersionRecord::createdAt, VersionRecord::valueType)
        .containsExactlyElementsOf(
            pv.stream()
                .map(v ->
                    org.assertj.core.groups.Tuple.tuple(
                        v.versionId(), v.createdAt(), v.valueType()))
                .toList());
    assertThat(r.stages()).isEqualTo(p.stages());
    assertThat(r.tags()).isEqualTo(p.tags());
    assertThat(versionCount(r)).isEqualTo(versionCount(p)).isEqualTo(pv.size());
    for (Map.Entry<String, String> e : p.stages().entrySet()) {
      Optional<String> stage = Optional.of(e.getKey());
      assertThat(
              secrets
                  .getValue(ReplicationTest.in(REPLICA), name, Optional.empty(), stage)
                  .payload()
                  .string())
          .isEqualTo(
              secrets
                  .getValue(ReplicationTest.in(PRIMARY), name, Optional.empty(), stage)
                  .payload()
                  .string());
    }
  }

  private long versionCount(SecretRecord s) {
    Long count = store.read(tx -> tx.secrets().versionCount(s.id()));
    return count;
  }

  private SecretRecord row(String region, String name) {
    return store.read(
        tx -> tx.secrets().findByName(ReplicationTest.ACCOUNT, region, name, false).orElseThrow());
  }
}
