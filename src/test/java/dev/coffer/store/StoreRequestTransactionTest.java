package dev.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes made while a write transaction is open on the thread join it and commit with it. */
class StoreRequestTransactionTest {
  @TempDir Path dir;
  Store store;

  @BeforeEach
  void open() {
    store = Store.open("jdbc:sqlite:" + dir.resolve("t.db"), "", "");
  }

  @AfterEach
  void close() {
    store.close();
  }

  long lastSeq() {
    return store.read(tx -> tx.audit().head().lastSeq());
  }

  @Test
  void write_insideOpenWrite_joinsAndCommitsWithIt() {
    store.execute(outer -> {
      assertThat(store.inWriteTransaction()).isTrue();
      store.execute(inner -> inner.audit().lockHead());
      store.execute(inner -> assertThat((Object) inner).isSameAs(outer));
      // A read inside sees the open transaction's own state.
      Tx seen = store.read(r -> r);
      assertThat((Object) seen).isSameAs(outer);
    });
    assertThat(store.inWriteTransaction()).isFalse();
  }

  @Test
  void write_outerFails_rollsBackWhatJoinedWritesDid() {
    assertThatThrownBy(() ->
            store.execute(outer -> {
              store.execute(inner -> inner.audit().append(List.of()));
              store.execute(inner -> {
                inner.audit().lockHead();
                // Moves the head as an append would, then the outer work fails.
                inner
                    .audit()
                    .insertDigest(
                        new dev.coffer.core.audit.AuditDigest(
                            1,
                            1,
                            0,
                            java.time.Instant.EPOCH,
                            java.time.Instant.EPOCH,
                            "",
                            "",
                            "",
                            "fp",
                            "sig"));
              });
              throw new IllegalStateException("handler failed");
            }))
        .hasMessage("handler failed");
    long lastDigest = store.read(tx -> tx.audit().head().lastDigestSeq());
    assertThat(lastDigest).isZero();
    assertThat(lastSeq()).isZero();
  }

  @Test
  void afterCommit_runsOnlyWhenTheTransactionCommits() {
    List<String> ran = new ArrayList<>();
    store.execute(tx -> tx.afterCommit(() -> ran.add("committed")));
    assertThatThrownBy(() ->
            store.execute(tx -> {
              tx.afterCommit(() -> ran.add("rolled back"));
              throw new IllegalStateException("no");
            }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ran).containsExactly("committed");
  }
}
