package dev.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.Backend;
import dev.coffer.testing.EmbeddedPostgresHolder;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The storage contract every backend must keep, run against SQLite and PostgreSQL alike: what is
 * written reads back the same, a unit of work commits whole or not at all, and names are unique per
 * account and region.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
  Store store;

  abstract Backend backend();

  @BeforeAll
  void open() throws IOException {
    String url =
        backend() == Backend.SQLITE
            ? "jdbc:sqlite:" + Files.createTempDirectory("store").resolve("t.db")
            : EmbeddedPostgresHolder.newDatabase();
    store = Store.open(url, backend() == Backend.POSTGRESQL ? "postgres" : "", "");
  }

  @AfterAll
  void close() {
    store.close();
  }

  private static SecretRecord secret(String name) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return SecretRecord.builder()
        .accountId("123456789012")
        .region("us-east-1")
        .name(name)
        .arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-abcdef")
        .description("d")
        .createdAt(now)
        .lastChangedAt(now)
        .rotationEnabled(true)
        .rotationRules("{\"AutomaticallyAfterDays\":30}")
        .tags(List.of(new Tag("b", "2"), new Tag("a", "1")))
        .replicas(
            List.of(new ReplicaRecord("eu-west-1", Optional.empty(), "InSync", Optional.of("ok"))))
        .build();
  }

  @Test
  void insert_thenFind_readsBackEveryField() {
    String name = "s-" + UUID.randomUUID();
    SecretRecord saved = store.write(tx -> tx.secrets().insert(secret(name)));
    SecretRecord byName =
        store
            .read(tx -> tx.secrets().findByName("123456789012", "us-east-1", name, false))
            .orElseThrow();
    SecretRecord byArn = store.read(tx -> tx.secrets().findByArn(saved.arn(), false)).orElseThrow();
    assertThat(byName).isEqualTo(saved);
    assertThat(byArn).isEqualTo(saved);
    assertThat(byName.tags()).extracting(Tag::key).containsExactly("b", "a");
  }

  @Test
  void versionsAndValues_roundTripWithLabelsAndAccessDays() {
    SecretRecord s = store.write(tx -> tx.secrets().insert(secret("v-" + UUID.randomUUID())));
    Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    StoredValue value = new StoredValue(ValueType.BINARY, "key-arn", new byte[] {1, 2, 3});
    store.execute(tx -> {
      tx.secrets()
          .insertVersion(
              s.id(),
              new VersionRecord(
                  "v1", created, Optional.empty(), Optional.of("key-arn"), ValueType.BINARY),
              Optional.of(value));
      tx.secrets()
          .insertVersion(
              s.id(),
              new VersionRecord("v2", created, Optional.empty(), Optional.empty(), ValueType.NONE),
              Optional.empty());
      tx.secrets()
          .update(s.toBuilder().stages(Map.of("AWSCURRENT", "v1", "AWSPENDING", "v2")).build());
      tx.secrets().recordAccess(s.id(), "v1", LocalDate.of(2026, 1, 2));
    });
    SecretRecord back = store.read(tx -> tx.secrets().findById(s.id(), false)).orElseThrow();
    assertThat(back.versions()).extracting(VersionRecord::versionId).containsExactly("v1", "v2");
    assertThat(back.stagesOf("v1")).containsExactly("AWSCURRENT");
    assertThat(back.lastAccessedDate()).contains(LocalDate.of(2026, 1, 2));
    // Every change to the secret or anything attached to it raises the revision (cache check).
    assertThat(back.revision()).isGreaterThan(s.revision());
    assertThat(store.read(tx -> tx.secrets().readValue(s.id(), "v1")).orElseThrow().blob())
        .containsExactly(1, 2, 3);
    Optional<StoredValue> placeholder = store.read(tx -> tx.secrets().readValue(s.id(), "v2"));
    assertThat(placeholder).isEmpty();
  }

  @Test
  void read_nestedInRead_joinsTheOuterTransaction() {
    boolean same = store.read(outer -> store.read(inner -> inner == outer));
    assertThat(same).isTrue();
    assertThat(store.inWriteTransaction()).isFalse();
  }

  @Test
  void write_failingMidway_leavesNothingBehind() {
    String name = "r-" + UUID.randomUUID();
    assertThatThrownBy(() ->
            store.execute(tx -> {
              tx.secrets().insert(secret(name));
              throw new IllegalStateException("boom");
            }))
        .hasMessage("boom");
    Optional<SecretRecord> found =
        store.read(tx -> tx.secrets().findByName("123456789012", "us-east-1", name, false));
    assertThat(found).isEmpty();
  }

  @Test
  void insert_sameNameTwice_isRefusedByTheDatabase() {
    String name = "u-" + UUID.randomUUID();
    store.write(tx -> tx.secrets().insert(secret(name)));
    SecretRecord other = secret(name).toBuilder().arn(secret(name).arn() + "x").build();
    assertThatThrownBy(() -> store.write(tx -> tx.secrets().insert(other)))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void delete_removesSecretAndChildren() {
    SecretRecord s = store.write(tx -> tx.secrets().insert(secret("d-" + UUID.randomUUID())));
    store.execute(tx -> tx.secrets().delete(s.id()));
    Optional<SecretRecord> found = store.read(tx -> tx.secrets().findById(s.id(), false));
    assertThat(found).isEmpty();
  }

  @Test
  void afterCommit_actionThatWritesAgain_runsOnceTheFirstCommitIsDurable() {
    String first = "ac-" + UUID.randomUUID();
    String second = "ac-" + UUID.randomUUID();
    store.execute(tx -> {
      tx.secrets().insert(secret(first));
      // Such an action (an audit event, a rotation launch) may itself write; on SQLite it
      // must not run on the writer thread, which would then wait for itself.
      tx.afterCommit(() -> store.execute(tx2 -> tx2.secrets().insert(secret(second))));
    });
    Optional<SecretRecord> found =
        store.read(tx -> tx.secrets().findByName("123456789012", "us-east-1", second, false));
    assertThat(found).isPresent();
  }
}
