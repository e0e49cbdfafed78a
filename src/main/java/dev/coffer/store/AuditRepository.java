package dev.coffer.store;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.AuditHead;
import dev.coffer.core.audit.AuditLookup;
import dev.coffer.core.audit.StoredAuditEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The audit log's rows: events, digests, signing keys and the head that orders them. Hashing and
 * signing happen in the audit layer; this class only stores what it is given, in the transaction it
 * belongs to.
 */
public final class AuditRepository {
  private static final Logger LOG = Logger.getLogger(AuditRepository.class.getName());

  /** The most events one row of {@code audit_event_blocks} holds. */
  static final int BLOCK_EVENTS = 256;

  /** The most blocks a read fetches at a time. */
  private static final int BLOCK_PAGE = 8;

  private static final String EVENT_COLUMNS =
      "seq, event_id, event_time, account_id, region, event_source, event_name, username,"
          + " access_key_id, resource_names, resource_types, read_only, body, chain_hash";
  private static final String DIGEST_COLUMNS =
      "digest_seq, first_event_seq, last_event_seq, start_time, end_time, start_chain_hash,"
          + " last_chain_hash, previous_digest_hash, key_fingerprint, signature";
  private static final String HEAD_COLUMNS =
      "last_seq, last_hash, last_digest_seq, archived_digest_seq";

  private final Sql sql;
  private final @Nullable AuditJournal journal;
  private final boolean appendToJournal;

  AuditRepository(Sql sql) {
    this(sql, null, false);
  }

  AuditRepository(Sql sql, @Nullable AuditJournal journal, boolean appendToJournal) {
    this.sql = sql;
    this.journal = journal;
    this.appendToJournal = appendToJournal && journal != null;
  }

  /**
   * Locks the head row until this transaction ends and returns it. Every transaction that appends
   * events or seals a digest takes this lock first, so they commit one after another in sequence
   * order (on PostgreSQL a row lock; on SQLite the single writer already serializes).
   */
  public AuditHead lockHead() {
    if (sql.dialect == Dialect.SQLITE) {
      // The single writer already serializes; events still in the journal come after the row.
      AuditHead h = head();
      AuditJournal j = journal;
      StoredAuditEvent last = j == null ? null : j.lastPending();
      return last == null || last.seq() <= h.lastSeq()
          ? h
          : new AuditHead(last.seq(), last.chainHash(), h.lastDigestSeq(), h.archivedDigestSeq());
    }
    return sql.queryOne(
            "UPDATE audit_head SET last_seq = last_seq WHERE id = 1 RETURNING " + HEAD_COLUMNS,
            AuditRepository::head)
        .orElseThrow(() -> new IllegalStateException("audit_head row is missing"));
  }

  /** The head as of this transaction's snapshot, without locking. */
  public AuditHead head() {
    return sql.queryOne(
            "SELECT " + HEAD_COLUMNS + " FROM audit_head WHERE id = 1", AuditRepository::head)
        .orElseThrow(() -> new IllegalStateException("audit_head row is missing"));
  }

  /**
   * Appends events (already numbered and chained after the locked head) and moves the head. In a
   * transaction bound to SQLite's audit journal for appending, they go to the journal, and into the
   * database shortly after (see {@link AuditJournal}).
   */
  public void append(List<StoredAuditEvent> rows) {
    if (rows.isEmpty()) {
      return;
    }
    AuditJournal j = journal;
    if (appendToJournal && j != null) {
      j.append(rows);
      return;
    }
    insert(rows);
  }

  /** Inserts events into the database and moves the head to the last of them. */
  void insert(List<StoredAuditEvent> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<Object[]> args = new ArrayList<>(rows.size());
    for (StoredAuditEvent r : rows) {
      args.add(
          new Object[] {
            r.seq(),
            r.eventId(),
            r.eventTime(),
            r.accountId(),
            r.region(),
            r.eventSource(),
            r.eventName(),
            r.username(),
            r.accessKeyId(),
            joinLines(r.resourceNames()),
            joinLines(r.resourceTypes()),
            r.readOnly(),
            r.body(),
            r.chainHash()
          });
    }
    // Multi-row VALUES lists: on SQLite one statement step for many rows instead of one a row.
    sql.insertRows("INSERT INTO audit_events (" + EVENT_COLUMNS + ")", 14, "", args, null);
    moveHead(rows.get(rows.size() - 1));
  }

  /**
   * Inserts events into the database as rows of {@code audit_event_blocks}, at most {@link
   * #BLOCK_EVENTS} a row, and moves the head to the last of them. For SQLite's audit journal, whose
   * copies are the bulk of all events: a block is one row and one B-tree entry where a row per
   * event was {@code rows.size()} of each, plus as many index entries.
   */
  void insertBlocks(List<StoredAuditEvent> rows) {
    insertBlocks(rows, AuditRecords.encode(rows));
  }

  /**
   * As {@link #insertBlocks(List)}, with the events' records already made (by the audit journal,
   * which wrote the same bytes): {@code records} holds exactly the records of {@code rows}.
   */
  void insertBlocks(List<StoredAuditEvent> rows, byte[] records) {
    if (rows.isEmpty()) {
      return;
    }
    int offset = 0;
    for (int at = 0; at < rows.size(); at += BLOCK_EVENTS) {
      List<StoredAuditEvent> block = rows.subList(at, Math.min(rows.size(), at + BLOCK_EVENTS));
      int length = AuditRecords.length(records, offset, block.size());
      insertBlock(
          block,
          offset == 0 && length == records.length
              ? records
              : Arrays.copyOfRange(records, offset, offset + length));
      offset += length;
    }
    if (offset != records.length) {
      throw new IllegalArgumentException("the records do not match the events");
    }
    moveHead(rows.get(rows.size() - 1));
  }

  private void insertBlock(List<StoredAuditEvent> events, byte[] records) {
    long firstTime = Long.MAX_VALUE;
    long lastTime = Long.MIN_VALUE;
    BlockKeys keys = new BlockKeys();
    for (StoredAuditEvent e : events) {
      long t = e.eventTime().toEpochMilli();
      firstTime = Math.min(firstTime, t);
      lastTime = Math.max(lastTime, t);
      keys.add(e);
    }
    sql.update(
        "INSERT INTO audit_event_blocks (first_seq, last_seq, first_time, last_time, keys, events)"
            + " VALUES (?,?,?,?,?,?)",
        events.get(0).seq(),
        events.get(events.size() - 1).seq(),
        firstTime,
        lastTime,
        keys.toString(),
        records);
  }

  /**
   * A block's {@code keys}: each distinct value once, a line each, between newlines. Values are
   * compared as they are (their hash codes mostly cached), not as the lines they become.
   */
  private static final class BlockKeys {
    private final StringBuilder lines = new StringBuilder("\n");
    private final Map<AuditLookup.Attribute, Set<String>> seen =
        new EnumMap<>(AuditLookup.Attribute.class);
    private final Set<String> accounts = new HashSet<>();

    void add(StoredAuditEvent e) {
      if (accounts.add(e.accountId() + "/" + e.region())) {
        lines.append(accountKey(e.accountId(), e.region())).append('\n');
      }
      // Event IDs are unique: no set needed.
      lines.append(key(AuditLookup.Attribute.EVENT_ID, e.eventId())).append('\n');
      add(AuditLookup.Attribute.EVENT_NAME, e.eventName());
      add(AuditLookup.Attribute.EVENT_SOURCE, e.eventSource());
      add(AuditLookup.Attribute.USERNAME, e.username());
      add(AuditLookup.Attribute.ACCESS_KEY_ID, e.accessKeyId());
      add(AuditLookup.Attribute.READ_ONLY, e.readOnly() ? "true" : "false");
      for (String name : e.resourceNames()) {
        add(AuditLookup.Attribute.RESOURCE_NAME, name);
      }
      for (String type : e.resourceTypes()) {
        add(AuditLookup.Attribute.RESOURCE_TYPE, type);
      }
    }

    private void add(AuditLookup.Attribute a, String value) {
      if (seen.computeIfAbsent(a, x -> new HashSet<>()).add(value)) {
        lines.append(key(a, value)).append('\n');
      }
    }

    @Override
    public String toString() {
      return lines.toString();
    }
  }

  private void moveHead(StoredAuditEvent last) {
    sql.update(
        "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1",
        last.seq(),
        last.chainHash());
  }

  /** A block's line in {@code keys} for an account and region. */
  private static String accountKey(String accountId, String region) {
    return "account:" + accountId + "/" + region;
  }

  /** A block's line in {@code keys} for a lookup attribute's value. */
  private static String key(AuditLookup.Attribute a, String value) {
    return a.name() + ":" + value;
  }

  /** Events with {@code fromSeq <= seq <= toSeq}, ascending, at most {@code limit}. */
  public List<StoredAuditEvent> events(long fromSeq, long toSeq, int limit) {
    List<StoredAuditEvent> rows =
        sql.query(
            "SELECT "
                + EVENT_COLUMNS
                + " FROM audit_events WHERE seq >= ? AND seq <= ? ORDER BY seq"
                + " LIMIT "
                + limit,
            AuditRepository::event,
            fromSeq,
            toSeq);
    return withBlocks(
        rows,
        false,
        fromSeq - 1,
        (after, count) ->
            sql.query(
                "SELECT first_seq, last_seq, events FROM audit_event_blocks"
                    + " WHERE last_seq > ? AND first_seq <= ? ORDER BY last_seq LIMIT "
                    + count,
                AuditRepository::block,
                after,
                toSeq),
        e -> e.seq() >= fromSeq && e.seq() <= toSeq,
        limit);
  }

  /** The newest {@code limit} events, ascending. */
  public List<StoredAuditEvent> latestEvents(int limit) {
    List<StoredAuditEvent> rows =
        sql.query(
            "SELECT " + EVENT_COLUMNS + " FROM audit_events ORDER BY seq DESC LIMIT " + limit,
            AuditRepository::event);
    List<StoredAuditEvent> newest =
        new ArrayList<>(
            withBlocks(
                rows,
                true,
                Long.MAX_VALUE,
                (before, count) ->
                    sql.query(
                        "SELECT first_seq, last_seq, events FROM audit_event_blocks"
                            + " WHERE first_seq < ? ORDER BY first_seq DESC LIMIT "
                            + count,
                        AuditRepository::block,
                        before),
                e -> true,
                limit));
    Collections.reverse(newest);
    return newest;
  }

  /** A LookupEvents page: matching events, newest first. */
  public List<StoredAuditEvent> lookup(AuditLookup q) {
    StringBuilder where =
        new StringBuilder(
            "account_id = ? AND region = ? AND event_time >= ? AND event_time <= ? AND seq < ?");
    List<Object> args = new ArrayList<>(List.of(q.accountId(), q.region(), q.start(), q.end()));
    args.add(q.beforeSeq());
    boolean sqlite = sql.dialect == Dialect.SQLITE;
    if (q.attribute().isPresent()) {
      switch (q.attribute().get()) {
        case EVENT_ID -> where.append(" AND event_id = ?");
        case EVENT_NAME -> where.append(" AND event_name = ?");
        case USERNAME -> where.append(" AND username = ?");
        case EVENT_SOURCE -> where.append(" AND event_source = ?");
        case ACCESS_KEY_ID -> where.append(" AND access_key_id = ?");
        case READ_ONLY -> where.append(" AND read_only = ?");
        // SQLite's LIKE ignores case; instr compares exactly, as PostgreSQL's LIKE does.
        case RESOURCE_NAME ->
            where.append(
                sqlite
                    ? " AND instr(resource_names, ?) > 0"
                    : " AND resource_names LIKE ? ESCAPE '\\'");
        case RESOURCE_TYPE ->
            where.append(
                sqlite
                    ? " AND instr(resource_types, ?) > 0"
                    : " AND resource_types LIKE ? ESCAPE '\\'");
      }
      args.add(
          switch (q.attribute().get()) {
            case READ_ONLY -> q.value().equals("true") ? 1L : 0L;
            case RESOURCE_NAME, RESOURCE_TYPE ->
                sqlite ? "\n" + q.value() + "\n" : "%\n" + escapeLike(q.value()) + "\n%";
            default -> q.value();
          });
    }
    List<StoredAuditEvent> rows =
        sql.query(
            "SELECT "
                + EVENT_COLUMNS
                + " FROM audit_events WHERE "
                + where
                + " ORDER BY seq DESC LIMIT "
                + q.limit(),
            AuditRepository::event,
            args.toArray());
    StringBuilder blockWhere =
        new StringBuilder(
            "first_seq < ? AND last_time >= ? AND first_time <= ? AND instr(keys, ?) > 0");
    List<Object> blockArgs =
        new ArrayList<>(
            List.of(q.start(), q.end(), "\n" + accountKey(q.accountId(), q.region()) + "\n"));
    q.attribute()
        .ifPresent(a -> {
          blockWhere.append(" AND instr(keys, ?) > 0");
          String value =
              a == AuditLookup.Attribute.READ_ONLY
                  ? String.valueOf(q.value().equals("true"))
                  : q.value();
          blockArgs.add("\n" + key(a, value) + "\n");
        });
    return withBlocks(
        rows,
        true,
        q.beforeSeq(),
        (before, count) -> {
          List<Object> bound = new ArrayList<>(blockArgs.size() + 1);
          bound.add(before);
          bound.addAll(blockArgs);
          return sql.query(
              "SELECT first_seq, last_seq, events FROM audit_event_blocks WHERE "
                  + blockWhere
                  + " ORDER BY first_seq DESC LIMIT "
                  + count,
              AuditRepository::block,
              bound.toArray());
        },
        e -> matches(q, e),
        q.limit());
  }

  /** Whether {@code e} answers {@code q}: what {@link #lookup}'s SQL asks of a row. */
  private static boolean matches(AuditLookup q, StoredAuditEvent e) {
    long t = e.eventTime().toEpochMilli();
    if (!e.accountId().equals(q.accountId())
        || !e.region().equals(q.region())
        || t < q.start().toEpochMilli()
        || t > q.end().toEpochMilli()
        || e.seq() >= q.beforeSeq()) {
      return false;
    }
    if (q.attribute().isEmpty()) {
      return true;
    }
    String v = q.value();
    return switch (q.attribute().get()) {
      case EVENT_ID -> e.eventId().equals(v);
      case EVENT_NAME -> e.eventName().equals(v);
      case USERNAME -> e.username().equals(v);
      case EVENT_SOURCE -> e.eventSource().equals(v);
      case ACCESS_KEY_ID -> e.accessKeyId().equals(v);
      case READ_ONLY -> e.readOnly() == v.equals("true");
      case RESOURCE_NAME -> e.resourceNames().contains(v);
      case RESOURCE_TYPE -> e.resourceTypes().contains(v);
    };
  }

  /** A row of {@code audit_event_blocks}, its events not yet decoded. */
  private record Block(long firstSeq, long lastSeq, byte[] events) {}

  /** The next {@code count} blocks in scan order, past {@code position} (a sequence number). */
  private interface BlockPage {
    List<Block> after(long position, int count);
  }

  /**
   * {@code rows} (from {@code audit_events}, in scan order, at most {@code limit}) merged with the
   * events of the blocks that {@code pages} yields, keeping those {@code keep} accepts: the first
   * {@code limit} in scan order (descending or ascending sequence). Blocks are read a page at a
   * time and only until no event in them could still be among the first {@code limit}.
   */
  private List<StoredAuditEvent> withBlocks(
      List<StoredAuditEvent> rows,
      boolean descending,
      long start,
      BlockPage pages,
      Predicate<StoredAuditEvent> keep,
      int limit) {
    if (sql.dialect != Dialect.SQLITE) {
      return rows;
    }
    Comparator<StoredAuditEvent> order = Comparator.comparingLong(StoredAuditEvent::seq);
    if (descending) {
      order = order.reversed();
    }
    List<StoredAuditEvent> found = new ArrayList<>(rows);
    long position = start;
    // One block first: most reads end in it (a single event, the newest page).
    int count = 1;
    scan:
    while (true) {
      List<Block> page = pages.after(position, count);
      for (Block b : page) {
        long nearest = descending ? b.lastSeq() : b.firstSeq();
        if (countAhead(found, nearest, descending) >= limit) {
          break scan;
        }
        for (StoredAuditEvent e : decode(b)) {
          if (keep.test(e)) {
            found.add(e);
          }
        }
        position = descending ? b.firstSeq() : b.lastSeq();
      }
      if (page.size() < count) {
        break;
      }
      count = Math.min(count * 2, BLOCK_PAGE);
    }
    found.sort(order);
    return found.size() <= limit ? found : found.subList(0, limit);
  }

  /** How many of {@code events} come before sequence number {@code seq} in scan order. */
  private static int countAhead(List<StoredAuditEvent> events, long seq, boolean descending) {
    int n = 0;
    for (StoredAuditEvent e : events) {
      if (descending ? e.seq() > seq : e.seq() < seq) {
        n++;
      }
    }
    return n;
  }

  /**
   * A block's events. A block that does not parse (changed in the database by hand) yields the
   * events before the damage: verification then reports the rest as missing.
   */
  private static List<StoredAuditEvent> decode(Block b) {
    try {
      return AuditRecords.decodeAll(b.events(), false);
    } catch (AuditRecords.Damaged d) {
      LOG.severe(
          "the audit events stored in block "
              + b.firstSeq()
              + ".."
              + b.lastSeq()
              + " are damaged after event "
              + (d.decoded().isEmpty()
                  ? b.firstSeq() - 1
                  : d.decoded().get(d.decoded().size() - 1).seq())
              + ": "
              + d.getMessage());
      return d.decoded();
    }
  }

  private static Block block(ResultSet rs) throws SQLException {
    return new Block(rs.getLong(1), rs.getLong(2), rs.getBytes(3));
  }

  /** Inserts a sealed digest and records it as the newest in the head. */
  public void insertDigest(AuditDigest d) {
    sql.update(
        "INSERT INTO audit_digests (" + DIGEST_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)",
        d.digestSeq(),
        d.firstEventSeq(),
        d.lastEventSeq(),
        d.startTime(),
        d.endTime(),
        d.startChainHash(),
        d.lastChainHash(),
        d.previousDigestHash(),
        d.keyFingerprint(),
        d.signature());
    sql.update("UPDATE audit_head SET last_digest_seq = ? WHERE id = 1", d.digestSeq());
  }

  /** The digest numbered {@code digestSeq}, if stored. */
  public Optional<AuditDigest> digest(long digestSeq) {
    return sql.queryOne(
        "SELECT " + DIGEST_COLUMNS + " FROM audit_digests WHERE digest_seq = ?",
        AuditRepository::digest,
        digestSeq);
  }

  /**
   * Digests numbered from {@code fromDigestSeq} whose time range meets {@code [from, to]},
   * ascending, at most {@code limit}.
   */
  public List<AuditDigest> digests(long fromDigestSeq, Instant from, Instant to, int limit) {
    return sql.query(
        "SELECT "
            + DIGEST_COLUMNS
            + " FROM audit_digests WHERE digest_seq >= ? AND end_time >= ?"
            + " AND start_time <= ? ORDER BY digest_seq LIMIT "
            + limit,
        AuditRepository::digest,
        fromDigestSeq,
        from,
        to);
  }

  /** Digests that ended before {@code cutoff}, oldest first, at most {@code limit}. */
  public List<AuditDigest> digestsEndedBefore(Instant cutoff, int limit) {
    return sql.query(
        "SELECT "
            + DIGEST_COLUMNS
            + " FROM audit_digests WHERE end_time < ? ORDER BY digest_seq"
            + " LIMIT "
            + limit,
        AuditRepository::digest,
        cutoff);
  }

  /**
   * Removes digests up to {@code digestSeq} and the events they seal, once they are archived, and
   * records how far the archive reaches.
   */
  public void removeArchived(long digestSeq, long lastEventSeq) {
    sql.update("DELETE FROM audit_events WHERE seq <= ?", lastEventSeq);
    sql.update("DELETE FROM audit_event_blocks WHERE last_seq <= ?", lastEventSeq);
    // A block that reaches past the archive keeps only its events after it.
    for (Block b :
        sql.query(
            "SELECT first_seq, last_seq, events FROM audit_event_blocks WHERE first_seq <= ?",
            AuditRepository::block,
            lastEventSeq)) {
      List<StoredAuditEvent> kept = new ArrayList<>();
      for (StoredAuditEvent e : decode(b)) {
        if (e.seq() > lastEventSeq) {
          kept.add(e);
        }
      }
      sql.update("DELETE FROM audit_event_blocks WHERE first_seq = ?", b.firstSeq());
      if (!kept.isEmpty()) {
        insertBlock(kept, AuditRecords.encode(kept));
      }
    }
    sql.update("DELETE FROM audit_digests WHERE digest_seq <= ?", digestSeq);
    sql.update("UPDATE audit_head SET archived_digest_seq = ? WHERE id = 1", digestSeq);
  }

  /** Every signing key, oldest first. */
  public List<AuditSigningKeyRow> signingKeys() {
    return sql.query(
        "SELECT fingerprint, public_key, sealed_private_key, created_at FROM audit_signing_keys"
            + " ORDER BY created_at, fingerprint",
        rs ->
            new AuditSigningKeyRow(
                rs.getString(1),
                rs.getString(2),
                rs.getBytes(3),
                Instant.ofEpochMilli(rs.getLong(4))));
  }

  public void insertSigningKey(AuditSigningKeyRow k) {
    sql.update(
        "INSERT INTO audit_signing_keys (fingerprint, public_key, sealed_private_key, created_at)"
            + " VALUES (?,?,?,?)",
        k.fingerprint(),
        k.publicKey(),
        k.sealedPrivateKey(),
        k.createdAt());
  }

  /**
   * Replaces a signing key's sealed private half if it is still {@code expected} (rotate-root
   * re-seals it under a new root generation).
   *
   * @return whether it was replaced
   */
  public boolean resealSigningKey(String fingerprint, byte[] expected, byte[] resealed) {
    for (AuditSigningKeyRow k : signingKeys()) {
      if (k.fingerprint().equals(fingerprint)
          && java.util.Arrays.equals(k.sealedPrivateKey(), expected)) {
        return sql.update(
                "UPDATE audit_signing_keys SET sealed_private_key = ? WHERE fingerprint = ?",
                resealed,
                fingerprint)
            == 1;
      }
    }
    return false;
  }

  private static String joinLines(List<String> items) {
    return items.isEmpty() ? "" : "\n" + String.join("\n", items) + "\n";
  }

  private static List<String> splitLines(String column) {
    if (column.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(column.substring(1, column.length() - 1).split("\n", -1));
  }

  private static String escapeLike(String v) {
    return v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static AuditHead head(ResultSet rs) throws SQLException {
    return new AuditHead(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
  }

  private static StoredAuditEvent event(ResultSet rs) throws SQLException {
    return new StoredAuditEvent(
        rs.getLong(1),
        rs.getString(2),
        Instant.ofEpochMilli(rs.getLong(3)),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        splitLines(rs.getString(10)),
        splitLines(rs.getString(11)),
        rs.getLong(12) != 0,
        rs.getString(13),
        rs.getString(14));
  }

  private static AuditDigest digest(ResultSet rs) throws SQLException {
    return new AuditDigest(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        Instant.ofEpochMilli(rs.getLong(4)),
        Instant.ofEpochMilli(rs.getLong(5)),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10));
  }
}
