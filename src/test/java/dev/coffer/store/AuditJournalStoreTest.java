package dev.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.audit.AuditEvent;
import dev.coffer.audit.AuditLog;
import dev.coffer.audit.AuditSettings;
import dev.coffer.audit.EventChain;
import dev.coffer.core.audit.AuditHead;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.core.error.ServiceUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit journal of a file-backed SQLite store, through the real audit layer: the events of
 * reads ({@link AuditLog#record}) are durable in the journal when acknowledged, a store opened over
 * files left by a crash recovers them, and they keep their place in the chain among the events of
 * writes.
 */
class AuditJournalStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.250Z");
  private static final List<String> FILES = List.of("", "-wal", "-audit0", "-audit1");

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(open);
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private Store openStore(Path db) {
    Store s = Store.open("jdbc:sqlite:" + db, "", "");
    open.add(s);
    return s;
  }

  private AuditLog log(Store s) {
    AuditLog l = AuditLog.open(s, AuditSettings.defaults());
    open.add(l);
    return l;
  }

  /** A new event, told apart from every other by its id; {@code read} as the events of reads. */
  private AuditEvent event(boolean read) {
    int i = counter.incrementAndGet();
    return new AuditEvent(
        "ev-" + i,
        T0.plusMillis(7L * i),
        "123456789012",
        "us-east-1",
        "secretsmanager.amazonaws.com",
        read ? "GetSecretValue" : "PutSecretValue",
        "alice",
        "AKIAEXAMPLE" + i,
        List.of("arn:aws:secretsmanager:us-east-1:123456789012:secret:s" + i),
        List.of("AWS::SecretsManager::Secret"),
        read,
        "{\"eventID\":\"ev-" + i + "\"}");
  }

  /** Records {@code n} events of reads, one call each; returns their ids in order. */
  private List<String> recordReads(AuditLog log, int n) {
    List<String> recorded = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AuditEvent e = event(true);
      log.record(List.of(e));
      recorded.add(e.eventId());
    }
    return recorded;
  }

  /**
   * A write transaction that appends one event with the audit layer (its events are not journaled).
   */
  private String writeWithEvent(AuditLog log) {
    AuditEvent e = event(false);
    log.inTransaction(() -> Boolean.TRUE, r -> List.of(e));
    return e.eventId();
  }

  private static List<StoredAuditEvent> allEvents(Store s) {
    return s.read(tx -> tx.audit().events(1, Long.MAX_VALUE, 1_000_000));
  }

  private static AuditHead head(Store s) {
    return s.read(tx -> tx.audit().head());
  }

  private static List<String> ids(List<StoredAuditEvent> events) {
    return events.stream().map(StoredAuditEvent::eventId).toList();
  }

  /**
   * Checks that {@code events} are numbered 1..n without gaps, each chained to the one before, and
   * that the head points at the last.
   */
  private static void assertWholeChain(List<StoredAuditEvent> events, AuditHead head) {
    assertThat(events.stream().map(StoredAuditEvent::seq).toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
    String hash = "";
    for (StoredAuditEvent e : events) {
      hash = EventChain.link(hash, e);
      assertThat(e.chainHash()).as("chain hash of event %d", e.seq()).isEqualTo(hash);
    }
    assertThat(head.lastSeq()).isEqualTo(events.size());
    assertThat(head.lastHash()).isEqualTo(hash);
  }

  private static void copy(Path from, Path to, List<String> suffixes) throws IOException {
    Files.createDirectories(to);
    for (String s : suffixes) {
      Path f = from.resolve("t.db" + s);
      if (Files.exists(f)) {
        Files.copy(f, to.resolve("t.db" + s), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The newest event number in a database, read without opening a store (so without recovery). */
  private static long lastSeqWithoutJournal(Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT (SELECT last_seq FROM audit_head WHERE id = 1),"
                    + " (SELECT count(*) FROM audit_events)"
                    + " + (SELECT coalesce(sum(last_seq - first_seq + 1), 0)"
                    + " FROM audit_event_blocks)")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(2)).as("events in the database").isEqualTo(rs.getLong(1));
      return rs.getLong(1);
    }
  }

  @Test
  void aStoreOpenedAfterACrashHasEveryAcknowledgedEventFromTheJournal() throws Exception {
    Path live = dir.resolve("live");
    Files.createDirectories(live);
    Store store = openStore(live.resolve("t.db"));
    AuditLog log = log(store);
    List<String> expected = new ArrayList<>();
    expected.add(writeWithEvent(log));
    expected.addAll(recordReads(log, 3));
    expected.add(writeWithEvent(log));
    store.copyJournaledEvents();
    long before = expected.size();

    // The database as a crash finds it: none of the later copies from the journal reached it.
    Path crash = dir.resolve("crash");
    copy(live, crash, List.of("", "-wal"));
    // Acknowledged events of reads, some recorded by concurrent callers, others one at a time.
    expected.addAll(recordReads(log, 20));
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<String>>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(threads.submit(() -> recordReads(log, 15)));
      }
      for (Future<List<String>> f : done) {
        expected.addAll(f.get());
      }
    }
    AuditEvent pair1 = event(true);
    AuditEvent pair2 = event(true);
    log.record(List.of(pair1, pair2));
    expected.add(pair1.eventId());
    expected.add(pair2.eventId());
    copy(live, crash, List.of("-audit0", "-audit1"));

    assertThat(lastSeqWithoutJournal(crash.resolve("t.db"))).isEqualTo(before);
    Store recovered = openStore(crash.resolve("t.db"));
    List<StoredAuditEvent> events = allEvents(recovered);
    assertThat(events).hasSize(expected.size());
    assertThat(ids(events)).containsExactlyInAnyOrderElementsOf(expected);
    // Events recorded one after another keep their order.
    assertThat(ids(events).subList((int) before, (int) before + 20))
        .containsExactlyElementsOf(expected.subList((int) before, (int) before + 20));
    assertWholeChain(events, head(recovered));

    // The recovered store goes on numbering and chaining after the recovered events.
    AuditLog after = log(recovered);
    String next = recordReads(after, 1).get(0);
    String written = writeWithEvent(after);
    List<StoredAuditEvent> all = allEvents(recovered);
    assertThat(ids(all.subList(all.size() - 2, all.size()))).containsExactly(next, written);
    assertWholeChain(all, head(recovered));
  }

  @Test
  void aStoreOpenedOverFilesCopiedWhileItRanHasEveryAcknowledgedEventOnce() throws Exception {
    Path live = dir.resolve("live");
    Files.createDirectories(live);
    Store store = openStore(live.resolve("t.db"));
    AuditLog log = log(store);
    List<String> expected = new ArrayList<>();
    expected.add(writeWithEvent(log));
    expected.addAll(recordReads(log, 40));

    // Everything at once, just after the acknowledgements: the database may or may not have the
    // copies yet; the journal has them either way.
    Path crash = dir.resolve("crash");
    copy(live, crash, FILES);

    Store recovered = openStore(crash.resolve("t.db"));
    List<StoredAuditEvent> events = allEvents(recovered);
    assertThat(ids(events)).containsExactlyElementsOf(expected);
    assertWholeChain(events, head(recovered));
  }

  @Test
  void aCleanCloseCopiesTheJournalAndReopeningDuplicatesNothing() throws Exception {
    Path db = dir.resolve("t.db");
    Store first = Store.open("jdbc:sqlite:" + db, "", "");
    List<String> expected = new ArrayList<>();
    try (AuditLog log = AuditLog.open(first, AuditSettings.defaults())) {
      expected.addAll(recordReads(log, 30));
      expected.add(writeWithEvent(log));
      expected.addAll(recordReads(log, 5));
    } finally {
      first.close();
    }
    // Close copied every event into the database: it holds them without any help of the journal.
    assertThat(lastSeqWithoutJournal(db)).isEqualTo(expected.size());

    Store second = Store.open("jdbc:sqlite:" + db, "", "");
    try (AuditLog log = AuditLog.open(second, AuditSettings.defaults())) {
      assertThat(ids(allEvents(second))).containsExactlyElementsOf(expected);
      expected.addAll(recordReads(log, 12));
    } finally {
      second.close();
    }

    Store third = openStore(db);
    List<StoredAuditEvent> events = allEvents(third);
    assertThat(ids(events)).containsExactlyElementsOf(expected);
    assertWholeChain(events, head(third));
  }

  @Test
  void eventsOfReadsAndOfWritesAreNumberedInTheOrderTheyWereMade() throws Exception {
    Store store = openStore(dir.resolve("t.db"));
    AuditLog log = log(store);
    List<String> expected = new ArrayList<>();
    for (int round = 0; round < 12; round++) {
      expected.addAll(recordReads(log, round % 4));
      expected.add(writeWithEvent(log));
      if (round % 3 == 0) {
        expected.add(appendInPlainWrite(store));
      }
    }
    expected.addAll(recordReads(log, 5));

    store.copyJournaledEvents();
    List<StoredAuditEvent> events = allEvents(store);
    assertThat(ids(events)).containsExactlyElementsOf(expected);
    assertWholeChain(events, head(store));
  }

  /** A write transaction of the store layer that numbers and chains one event after the head. */
  private String appendInPlainWrite(Store store) {
    AuditEvent e = event(false);
    store.execute(tx -> {
      AuditHead h = tx.audit().lockHead();
      StoredAuditEvent unchained =
          new StoredAuditEvent(
              h.lastSeq() + 1,
              e.eventId(),
              e.eventTime(),
              e.accountId(),
              e.region(),
              e.eventSource(),
              e.eventName(),
              e.username(),
              e.accessKeyId(),
              e.resourceNames(),
              e.resourceTypes(),
              e.readOnly(),
              e.body(),
              "");
      tx.audit()
          .append(List.of(unchained.at(h.lastSeq() + 1, EventChain.link(h.lastHash(), unchained))));
    });
    return e.eventId();
  }

  @Test
  void concurrentReadsAndWritesLeaveOneChainWithoutGapsOrDuplicates() throws Exception {
    Store store = openStore(dir.resolve("t.db"));
    AuditLog log = log(store);
    List<String> expected = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        done.add(threads.submit(() -> expected.addAll(recordReads(log, 40))));
      }
      for (int t = 0; t < 3; t++) {
        done.add(
            threads.submit(() -> {
              for (int i = 0; i < 15; i++) {
                expected.add(writeWithEvent(log));
              }
            }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }

    store.copyJournaledEvents();
    List<StoredAuditEvent> events = allEvents(store);
    assertThat(ids(events)).containsExactlyInAnyOrderElementsOf(expected);
    assertWholeChain(events, head(store));
  }

  @Test
  void readersSeeEveryAcknowledgedEventOnceTheJournalIsCopied() {
    Store store = openStore(dir.resolve("t.db"));
    AuditLog log = log(store);
    writeWithEvent(log);
    for (int i = 0; i < 10; i++) {
      List<String> recorded = recordReads(log, 1 + i % 3);
      store.copyJournaledEvents();
      List<StoredAuditEvent> newest = store.read(tx -> tx.audit().latestEvents(recorded.size()));
      assertThat(ids(newest)).containsExactlyElementsOf(recorded);
      assertThat(head(store).lastSeq()).isEqualTo(newest.get(newest.size() - 1).seq());
    }
    assertWholeChain(allEvents(store), head(store));
  }

  @Test
  void aDatabaseThatRefusesEventsRefusesWritesAsTheAuditStoreBeingUnavailable() throws Exception {
    Path db = dir.resolve("t.db");
    try (Store first = Store.open("jdbc:sqlite:" + db, "", "");
        AuditLog log = AuditLog.open(first, AuditSettings.defaults())) {
      writeWithEvent(log);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TRIGGER audit_fail BEFORE INSERT ON audit_events"
              + " BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END");
      st.execute(
          "CREATE TRIGGER audit_fail_blocks BEFORE INSERT ON audit_event_blocks"
              + " BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END");
    }
    Store store = openStore(db);
    AuditLog log = log(store);
    // The event of a read is durable in the journal: the database is not involved yet.
    recordReads(log, 1);

    assertThatThrownBy(() -> writeWithEvent(log)).isInstanceOf(ServiceUnavailableException.class);
    assertThat(log.problem()).isPresent();
  }
}
