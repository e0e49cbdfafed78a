package dev.coffer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.audit.AuditLookup;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a file-backed SQLite store the events of reads wait in the audit journal before they reach the
 * database: every way of reading the audit log sees them as soon as they are acknowledged.
 */
class JournaledAuditReadTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  @TempDir Path dir;
  private Store store;
  private AuditLog log;
  private AuditReader reader;
  private int made;

  @BeforeEach
  void open() {
    store = Store.open("jdbc:sqlite:" + dir.resolve("t.db"), "", "");
    log = AuditLog.open(store, AuditSettings.defaults());
    reader = new AuditReader(store);
  }

  @AfterEach
  void close() {
    log.close();
    store.close();
  }

  /** Records {@code n} events of reads, one call each; returns their ids. */
  private List<String> record(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      made++;
      AuditEvent e = ChainFixture.event(made, T0.plusSeconds(made));
      log.record(List.of(e));
      ids.add(e.eventId());
    }
    return ids;
  }

  private static List<String> ids(List<StoredAuditEvent> events) {
    return events.stream().map(StoredAuditEvent::eventId).toList();
  }

  @Test
  void latestSeesTheEventsJustRecorded() {
    for (int round = 1; round <= 5; round++) {
      List<String> ids = record(round);
      assertThat(ids(reader.latest(round))).containsExactlyElementsOf(ids);
    }
  }

  @Test
  void eventsAndHeadSeeTheEventsJustRecorded() {
    for (int round = 1; round <= 5; round++) {
      List<String> ids = record(2);
      assertThat(reader.head().lastSeq()).isEqualTo(made);
      assertThat(ids(reader.events(made - 1, made, 10))).containsExactlyElementsOf(ids);
    }
  }

  @Test
  void lookupSeesTheEventsJustRecorded() {
    for (int round = 1; round <= 5; round++) {
      List<String> ids = record(1);
      StoredAuditEvent any = ChainFixture.event(made, T0).row(made, "");
      List<StoredAuditEvent> page =
          reader.lookup(
              new AuditLookup(
                  any.accountId(),
                  any.region(),
                  T0,
                  T0.plusSeconds(3600),
                  Optional.empty(),
                  "",
                  Long.MAX_VALUE,
                  50));
      assertThat(page).hasSize(made);
      assertThat(page.get(0).eventId()).isEqualTo(ids.get(0));
    }
  }
}
