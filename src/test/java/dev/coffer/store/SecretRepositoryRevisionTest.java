package dev.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.ServerConfig;
import dev.coffer.testing.Backend;
import dev.coffer.testing.EmbeddedPostgresHolder;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every change to a secret or to what hangs off it commits a higher {@code secrets.revision}: the
 * contract GetSecretValue's cache relies on to notice changes made by other nodes.
 */
class SecretRepositoryRevisionTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String V1 = "11111111-1111-1111-1111-111111111111";
  private Store store;
  private long id;

  private void open(Backend backend) throws IOException {
    store =
        backend == Backend.SQLITE
            ? Store.open(ServerConfig.sqliteUrl(Files.createTempDirectory("coffer-rev")), "", "")
            : Store.open(EmbeddedPostgresHolder.newDatabase(), "postgres", "");
    id =
        store.write(tx -> {
          SecretRecord s =
              tx.secrets()
                  .insert(
                      SecretRecord.builder()
                          .accountId("123456789012")
                          .region("us-east-1")
                          .name("app/db")
                          .arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf")
                          .createdAt(T0)
                          .lastChangedAt(T0)
                          .build());
          tx.secrets().insertVersion(s.id(), version(V1), Optional.of(value(1)));
          return s.id();
        });
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private static VersionRecord version(String versionId) {
    return new VersionRecord(
        versionId, T0, Optional.empty(), Optional.of("arn:key"), ValueType.STRING);
  }

  private static StoredValue value(int b) {
    return new StoredValue(ValueType.STRING, "arn:key", new byte[] {(byte) b});
  }

  private long revision() {
    return store.read(tx -> tx.secrets().revision(id)).orElseThrow();
  }

  private void assertBumps(Consumer<Tx> change) {
    long before = revision();
    store.execute(change);
    assertThat(revision()).isGreaterThan(before);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void update_bumpsRevision(Backend backend) throws IOException {
    open(backend);
    assertBumps(tx ->
        tx.secrets()
            .update(
                tx.secrets().findById(id, true).orElseThrow().toBuilder()
                    .description("d")
                    .build()));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void update_withStaleRecord_stillBumpsRevision(Backend backend) throws IOException {
    open(backend);
    SecretRecord stale = store.read(tx -> tx.secrets().findById(id, false).orElseThrow());
    store.execute(tx -> tx.secrets().update(stale.toBuilder().description("a").build()));
    long afterFirst = revision();

    assertBumps(tx -> tx.secrets().update(stale.toBuilder().description("b").build()));
    assertThat(revision()).isGreaterThan(afterFirst);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void versionChanges_bumpRevision(Backend backend) throws IOException {
    open(backend);
    String v2 = "22222222-2222-2222-2222-222222222222";
    assertBumps(tx -> tx.secrets().insertVersion(id, version(v2), Optional.of(value(2))));
    assertBumps(tx -> tx.secrets().writeValue(id, v2, value(3)));
    assertBumps(tx -> tx.secrets().deleteVersion(id, v2));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordAccess_bumpsRevisionOncePerDay(Backend backend) throws IOException {
    open(backend);
    LocalDate day = LocalDate.of(2026, 1, 2);
    assertBumps(tx -> tx.secrets().recordAccess(id, V1, day));
    long after = revision();

    store.execute(tx -> tx.secrets().recordAccess(id, V1, day));

    assertThat(revision()).isEqualTo(after);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void delete_leavesNoRevision(Backend backend) throws IOException {
    open(backend);
    store.execute(tx -> tx.secrets().delete(id));

    OptionalLong gone = store.read(tx -> tx.secrets().revision(id));
    assertThat(gone.isPresent()).isFalse();
  }
}
