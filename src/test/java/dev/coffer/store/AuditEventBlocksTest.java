package dev.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.audit.AuditLookup;
import dev.coffer.core.audit.StoredAuditEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events stored partly in blocks ({@code audit_event_blocks}, where SQLite's audit journal copies
 * them) and partly as rows read back exactly as the same events stored all as rows: every read of
 * {@link AuditRepository} is compared on random events, queries and archive cuts.
 */
class AuditEventBlocksTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<String> ACCOUNTS = List.of("111122223333", "444455556666");
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
  private static final List<String> NAMES =
      List.of("GetSecretValue", "DescribeSecret", "PutSecretValue", "Decrypt");
  private static final List<String> SOURCES =
      List.of("secretsmanager.amazonaws.com", "kms.amazonaws.com");
  private static final List<String> USERS = List.of("alice", "bob", "Alice");
  private static final List<String> KEYS = List.of("AKIAONE", "AKIATWO", "ASIATHREE");
  private static final List<String> RESOURCES =
      List.of("arn:s:one", "arn:s:two", "arn:s:ONE", "arn:s:three", "arn:s:%");
  private static final List<String> TYPES = List.of("AWS::SecretsManager::Secret", "AWS::KMS::Key");

  @TempDir Path dir;

  @Test
  void readsOfBlocksAndRowsTogetherEqualReadsOfRowsAlone() throws Exception {
    Random random = new Random(20261208L);
    List<StoredAuditEvent> events = randomEvents(random, 3000);
    try (Connection rowsOnly = database("rows.db");
        Connection mixed = database("mixed.db")) {
      AuditRepository reference = new Tx(rowsOnly, Dialect.SQLITE).audit();
      AuditRepository subject = new Tx(mixed, Dialect.SQLITE).audit();
      int blocks = 0;
      for (int at = 0; at < events.size(); ) {
        int n = 1 + random.nextInt(random.nextBoolean() ? 40 : 600);
        List<StoredAuditEvent> chunk = events.subList(at, Math.min(events.size(), at + n));
        reference.insert(chunk);
        if (random.nextInt(3) == 0) {
          subject.insert(chunk);
        } else {
          subject.insertBlocks(chunk);
          blocks++;
        }
        at += chunk.size();
      }
      assertThat(blocks).isGreaterThan(5);
      assertThat(subject.head()).isEqualTo(reference.head());
      compare(random, reference, subject, events.size());

      for (long cut : new long[] {1, 700, 701, 1999, 2500}) {
        reference.removeArchived(cut, cut);
        subject.removeArchived(cut, cut);
        assertThat(subject.events(0, Long.MAX_VALUE, 10_000))
            .isEqualTo(reference.events(0, Long.MAX_VALUE, 10_000))
            .hasSize(events.size() - (int) cut);
        compare(random, reference, subject, events.size());
      }
    }
  }

  @Test
  void aBlockThatNoLongerParsesYieldsTheEventsBeforeTheDamage() throws Exception {
    List<StoredAuditEvent> events = randomEvents(new Random(7), 10);
    try (Connection c = database("damaged.db")) {
      AuditRepository audit = new Tx(c, Dialect.SQLITE).audit();
      audit.insertBlocks(events);
      byte[] block = AuditBlocks.raw(c).get(0);
      int third = AuditRecords.encode(events.subList(0, 3)).length;
      block[third] = (byte) 0x7f; // the fourth record's length: far past the end
      try (PreparedStatement st = c.prepareStatement("UPDATE audit_event_blocks SET events = ?")) {
        st.setBytes(1, block);
        st.executeUpdate();
      }
      assertThat(audit.events(1, 10, 100)).isEqualTo(events.subList(0, 3));
    }
  }

  private static void compare(
      Random random, AuditRepository reference, AuditRepository subject, int count) {
    for (int i = 0; i < 150; i++) {
      long from = random.nextInt(count + 2);
      long to = from + random.nextInt(count);
      int limit = 1 + random.nextInt(random.nextBoolean() ? 10 : 1200);
      assertThat(subject.events(from, to, limit))
          .as("events(%d, %d, %d)", from, to, limit)
          .isEqualTo(reference.events(from, to, limit));
      assertThat(subject.latestEvents(limit)).isEqualTo(reference.latestEvents(limit));
    }
    for (int i = 0; i < 600; i++) {
      AuditLookup q = randomLookup(random, count);
      assertThat(subject.lookup(q)).as("%s", q).isEqualTo(reference.lookup(q));
    }
    // Paging through one query to its end finds every match once.
    for (int i = 0; i < 20; i++) {
      AuditLookup q = randomLookup(random, count);
      List<StoredAuditEvent> all = reference.lookup(withPage(q, Long.MAX_VALUE, 100_000));
      List<StoredAuditEvent> paged = new ArrayList<>();
      long before = Long.MAX_VALUE;
      while (true) {
        List<StoredAuditEvent> page = subject.lookup(withPage(q, before, 7));
        paged.addAll(page);
        if (page.size() < 7) {
          break;
        }
        before = page.get(page.size() - 1).seq();
      }
      assertThat(paged).isEqualTo(all);
    }
  }

  private static AuditLookup withPage(AuditLookup q, long before, int limit) {
    return new AuditLookup(
        q.accountId(), q.region(), q.start(), q.end(), q.attribute(), q.value(), before, limit);
  }

  private static AuditLookup randomLookup(Random random, int count) {
    AuditLookup.Attribute[] attributes = AuditLookup.Attribute.values();
    Optional<AuditLookup.Attribute> attribute =
        random.nextInt(5) == 0
            ? Optional.empty()
            : Optional.of(attributes[random.nextInt(attributes.length)]);
    String value =
        attribute
            .map(a ->
                switch (a) {
                  case EVENT_ID -> "event-" + random.nextInt(count + 5);
                  case EVENT_NAME -> pick(random, NAMES);
                  case READ_ONLY -> random.nextBoolean() ? "true" : "false";
                  case USERNAME -> pick(random, USERS);
                  case RESOURCE_TYPE -> pick(random, TYPES);
                  case RESOURCE_NAME -> pick(random, RESOURCES);
                  case EVENT_SOURCE -> pick(random, SOURCES);
                  case ACCESS_KEY_ID -> pick(random, KEYS);
                })
            .orElse("");
    Instant start = T0.plusSeconds(random.nextInt(count));
    Instant end = random.nextBoolean() ? start.plusSeconds(random.nextInt(count)) : start;
    long before = random.nextBoolean() ? Long.MAX_VALUE : random.nextInt(count + 2);
    return new AuditLookup(
        pick(random, ACCOUNTS),
        pick(random, REGIONS),
        start,
        end,
        attribute,
        value,
        before,
        1 + random.nextInt(50));
  }

  private static List<StoredAuditEvent> randomEvents(Random random, int count) {
    List<StoredAuditEvent> events = new ArrayList<>();
    Instant time = T0;
    for (int seq = 1; seq <= count; seq++) {
      time = time.plusMillis(random.nextInt(3) == 0 ? 0 : random.nextInt(1500));
      List<String> resources = new ArrayList<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        resources.add(pick(random, RESOURCES));
      }
      events.add(
          new StoredAuditEvent(
              seq,
              "event-" + seq,
              time,
              pick(random, ACCOUNTS),
              pick(random, REGIONS),
              pick(random, SOURCES),
              pick(random, NAMES),
              pick(random, USERS),
              pick(random, KEYS),
              resources,
              resources.isEmpty() ? List.of() : List.of(pick(random, TYPES)),
              random.nextBoolean(),
              "{\"n\":" + seq + ",\"text\":\"é " + random.nextLong() + "\"}",
              "hash-" + seq));
    }
    return events;
  }

  private static <T> T pick(Random random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private Connection database(String name) throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve(name);
    Store.open(url, "", "").close(); // creates the schema
    Connection c = DriverManager.getConnection(url);
    c.setAutoCommit(true);
    return c;
  }
}
