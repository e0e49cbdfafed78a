package dev.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalSyncerTest {
  @TempDir Path dir;

  @Test
  void committedUnits_releasedAfterTheWalIsSynced() throws Exception {
    Path wal = Files.writeString(dir.resolve("t.db-wal"), "frames");
    PendingWrite<String> a = new PendingWrite<>(tx -> "a");
    PendingWrite<String> b = new PendingWrite<>(tx -> "b");
    try (WalSyncer syncer = new WalSyncer(wal)) {
      syncer.committed(List.of(a), true, false);
      syncer.committed(List.of(b), true, false);
      assertThat(a.await(Duration.ofSeconds(30))).isTrue();
      assertThat(b.await(Duration.ofSeconds(30))).isTrue();
      assertThat(a.failed() || b.failed()).isFalse();
      assertThat(syncer.broken()).isNull();
    }
  }

  @Test
  void failedSync_failsItsUnitsAndEveryLaterOne() throws Exception {
    // A directory cannot be opened for writing: the sync fails as an fsync error would.
    PendingWrite<String> first = new PendingWrite<>(tx -> "first");
    PendingWrite<String> later = new PendingWrite<>(tx -> "later");
    try (WalSyncer syncer = new WalSyncer(dir)) {
      syncer.committed(List.of(first), true, false);
      assertThat(first.await(Duration.ofSeconds(30))).isTrue();
      assertThat(first.failed()).isTrue();
      assertThatThrownBy(first::outcome)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("could not be made durable");
      assertThat(syncer.broken()).isNotNull();
      syncer.committed(List.of(later), true, false);
      assertThat(later.await(Duration.ofSeconds(30))).isTrue();
      assertThat(later.failed()).isTrue();
    }
  }

  @Test
  void walFile_onlyForDatabasesGivenByPath() {
    assertThat(Store.walFile("jdbc:sqlite:/data/coffer.db"))
        .contains(Path.of("/data/coffer.db-wal"));
    assertThat(Store.walFile("jdbc:sqlite::memory:")).isEmpty();
    assertThat(Store.walFile("jdbc:sqlite:file:x.db?mode=memory")).isEmpty();
    assertThat(Store.walFile("jdbc:sqlite:")).isEmpty();
  }
}
