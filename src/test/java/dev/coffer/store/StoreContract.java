package dev.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.Backend;
import dev.coffer.testing.EmbeddedPostgresHolder;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
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
    assertThat(back.labelledVersions())
        .extracting(VersionRecord::versionId)
        .containsExactly("v1", "v2");
    List<VersionRecord> all = store.read(tx -> tx.secrets().versions(s.id()));
    assertThat(all).isEqualTo(back.labelledVersions());
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

  /**
   * A secret with thousands of unlabelled versions (AWS keeps them; Coffer trims only past 100 and
   * after a day) costs a load and a PutSecretValue-like save no more than a secret with two: the
   * record carries only labelled versions, and a save writes only the labels that moved. Counted in
   * rows, on a connection of its own, so the test does not depend on timing.
   */
  @Test
  void secretWithThousandsOfUnlabelledVersions_loadsAndSavesOnlyWhatItsLabelsTouch() {
    SecretRecord s = store.write(tx -> tx.secrets().insert(secret("many-" + UUID.randomUUID())));
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(2));
    int old = 5_000;
    store.execute(tx -> {
      for (String id : List.of("prev", "cur")) {
        tx.secrets()
            .insertVersion(
                s.id(),
                new VersionRecord(
                    id,
                    t0.plusSeconds(id.equals("prev") ? 10 : 20),
                    Optional.empty(),
                    Optional.empty(),
                    ValueType.NONE),
                Optional.empty());
      }
      tx.secrets()
          .update(s.toBuilder().stages(Map.of("AWSCURRENT", "cur", "AWSPREVIOUS", "prev")).build());
    });
    store.execute(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "INSERT INTO secret_versions (secret_id, version_id, created_at, value_type)"
                      + " VALUES (?, ?, ?, 0)")) {
        for (int i = 0; i < old; i++) {
          ps.setLong(1, s.id());
          ps.setString(2, String.format("old-%05d", i));
          ps.setLong(3, t0.toEpochMilli() - old + i);
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (SQLException e) {
        throw new StoreException("filler versions", e);
      }
      // Kept by SecretRepository with every version it inserts; these rows bypass it.
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "UPDATE secrets SET version_count = version_count + ? WHERE id = ?")) {
        ps.setLong(1, old);
        ps.setLong(2, s.id());
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new StoreException("filler versions", e);
      }
    });
    store.execute(tx -> {
      RowCounter counter = new RowCounter();
      SecretRepository repo =
          new SecretRepository(new Sql(counter.wrap(tx.connection()), dialect()));
      SecretRecord loaded = repo.findById(s.id(), true).orElseThrow();
      assertThat(loaded.labelledVersions())
          .extracting(VersionRecord::versionId)
          .containsExactly("prev", "cur");
      assertThat(counter.versionRowsRead()).isEqualTo(2);

      // What PutSecretValue does: one new version, AWSCURRENT onto it and AWSPREVIOUS after it.
      counter.reset();
      VersionRecord next =
          new VersionRecord(
              "next", t0.plusSeconds(30), Optional.empty(), Optional.empty(), ValueType.NONE);
      repo.insertVersion(s.id(), next, Optional.empty());
      SecretRecord saved =
          repo.update(
              loaded.toBuilder()
                  .stages(Map.of("AWSCURRENT", "next", "AWSPREVIOUS", "cur"))
                  .withVersion(next)
                  .build());
      assertThat(saved.labelledVersions())
          .extracting(VersionRecord::versionId)
          .containsExactly("cur", "next");
      assertThat(counter.written("secret_versions")).isEqualTo(1);
      assertThat(counter.versionRowsRead()).isZero();
      assertThat(counter.written("secret_stages")).isEqualTo(2);
      assertThat(counter.written("secret_tags")).isZero();
      assertThat(counter.written("secret_replicas")).isZero();

      // An unlabelled version is one lookup; labelling it reads that one row.
      counter.reset();
      assertThat(repo.version(s.id(), "old-00017"))
          .get()
          .extracting(VersionRecord::createdAt)
          .isEqualTo(Instant.ofEpochMilli(t0.toEpochMilli() - old + 17));
      assertThat(repo.version(s.id(), "missing")).isEmpty();
      SecretRecord relabelled =
          repo.update(
              saved.toBuilder()
                  .stages(Map.of("AWSCURRENT", "next", "AWSPREVIOUS", "cur", "KEEP", "old-00017"))
                  .build());
      assertThat(relabelled.labelledVersions())
          .extracting(VersionRecord::versionId)
          .containsExactly("old-00017", "cur", "next");
      assertThat(counter.versionRowsRead()).isEqualTo(2);
      assertThat(counter.written("secret_stages")).isEqualTo(1);
      assertThat(counter.written("secret_versions")).isZero();

      // Removing a label deletes that one row and drops the version from the record.
      counter.reset();
      SecretRecord unlabelled =
          repo.update(
              relabelled.toBuilder()
                  .stages(Map.of("AWSCURRENT", "next", "AWSPREVIOUS", "cur"))
                  .build());
      assertThat(unlabelled.labelledVersions())
          .extracting(VersionRecord::versionId)
          .containsExactly("cur", "next");
      assertThat(counter.written("secret_stages")).isEqualTo(1);

      // Only the explicit listing reads them all, oldest first.
      List<VersionRecord> all = repo.versions(s.id());
      assertThat(all).hasSize(old + 3);
      assertThat(all.get(0).versionId()).isEqualTo("old-00000");
      assertThat(all.subList(old, old + 3))
          .extracting(VersionRecord::versionId)
          .containsExactly("prev", "cur", "next");
    });
    SecretRecord back = store.read(tx -> tx.secrets().findById(s.id(), false)).orElseThrow();
    assertThat(back.stages())
        .containsOnly(Map.entry("AWSCURRENT", "next"), Map.entry("AWSPREVIOUS", "cur"));
    assertThat(back.tags()).isEqualTo(s.tags());
    assertThat(back.replicas()).isEqualTo(s.replicas());
  }

  /**
   * Housekeeping asks every round which secrets have more than 100 versions: the answer comes from
   * the count kept on each secret row, without a query over the version rows, and follows every
   * insertion and deletion of a version.
   */
  @Test
  void withMoreVersionsThan_followsInsertsAndDeletes_withoutReadingVersionRows() {
    SecretRecord over = store.write(tx -> tx.secrets().insert(secret("over-" + UUID.randomUUID())));
    SecretRecord at = store.write(tx -> tx.secrets().insert(secret("at-" + UUID.randomUUID())));
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    store.execute(tx -> {
      for (int i = 0; i < 101; i++) {
        VersionRecord v =
            new VersionRecord(
                "v-" + i, t0.plusMillis(i), Optional.empty(), Optional.empty(), ValueType.NONE);
        tx.secrets().insertVersion(over.id(), v, Optional.empty());
        if (i < 100) {
          tx.secrets().insertVersion(at.id(), v, Optional.empty());
        }
      }
    });
    assertThat(versionCount(over)).isEqualTo(101);
    assertThat(versionCount(at)).isEqualTo(100);

    store.execute(tx -> {
      RowCounter counter = new RowCounter();
      SecretRepository repo =
          new SecretRepository(new Sql(counter.wrap(tx.connection()), dialect()));
      assertThat(repo.withMoreVersionsThan(100)).contains(over.id()).doesNotContain(at.id());
      assertThat(counter.versionQueries()).isZero();
    });

    // Deleting an unknown version changes nothing; deleting a real one brings it down to 100.
    store.execute(tx -> tx.secrets().deleteVersion(over.id(), "missing"));
    assertThat(versionCount(over)).isEqualTo(101);
    store.execute(tx -> tx.secrets().deleteVersion(over.id(), "v-0"));
    assertThat(versionCount(over)).isEqualTo(100);
    assertThat(withMoreVersionsThan(100)).doesNotContain(over.id(), at.id());
    assertThat(withMoreVersionsThan(99)).contains(over.id(), at.id());
  }

  /**
   * What the version clean-up removes, picked by the store: the oldest versions without a label
   * created before the cut-off, ties broken by id, and no more than asked for; only those rows are
   * returned.
   */
  @Test
  void oldestUnlabelled_skipsLabelledAndYoung_returnsOnlyWhatItPicks() {
    SecretRecord s = store.write(tx -> tx.secrets().insert(secret("trim-" + UUID.randomUUID())));
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(2));
    Map<String, Instant> created =
        Map.of(
            "b",
            t0,
            "a",
            t0,
            "kept",
            t0.plusMillis(1),
            "c",
            t0.plusMillis(2),
            "young",
            t0.plusMillis(3));
    store.execute(tx -> {
      created.forEach((id, at) ->
          tx.secrets()
              .insertVersion(
                  s.id(),
                  new VersionRecord(id, at, Optional.empty(), Optional.empty(), ValueType.NONE),
                  Optional.empty()));
      SecretRecord loaded = tx.secrets().findById(s.id(), true).orElseThrow();
      tx.secrets().update(loaded.toBuilder().stages(Map.of("AWSCURRENT", "kept")).build());
    });
    Instant cutOff = t0.plusMillis(3);
    store.execute(tx -> {
      RowCounter counter = new RowCounter();
      SecretRepository repo =
          new SecretRepository(new Sql(counter.wrap(tx.connection()), dialect()));
      assertThat(repo.oldestUnlabelled(s.id(), cutOff, 10)).containsExactly("a", "b", "c");
      assertThat(counter.versionRowsRead()).isEqualTo(3);
      counter.reset();
      assertThat(repo.oldestUnlabelled(s.id(), cutOff, 2)).containsExactly("a", "b");
      assertThat(counter.versionRowsRead()).isEqualTo(2);
      assertThat(repo.oldestUnlabelled(s.id(), t0, 10)).isEmpty();
    });
  }

  private long versionCount(SecretRecord s) {
    Long count = store.read(tx -> tx.secrets().versionCount(s.id()));
    return count;
  }

  private List<Long> withMoreVersionsThan(int count) {
    return store.read(tx -> tx.secrets().withMoreVersionsThan(count));
  }

  private Dialect dialect() {
    return backend() == Backend.POSTGRESQL ? Dialect.POSTGRESQL : Dialect.SQLITE;
  }
}
