package dev.coffer.store;

import dev.coffer.core.audit.StoredAuditEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary form of stored audit events, shared by the audit journal's files and the blocks of
 * {@code audit_event_blocks}: each record is its payload's length and CRC-32C, then the payload
 * (sequence number, time, read-only flag, the string fields, the resource names and types).
 */
final class AuditRecords {
  /** Bytes before each payload: its length and its CRC-32C. */
  static final int HEADER = 8;

  static final int MAX_RECORD = 64 << 20;

  private AuditRecords() {}

  /**
   * Appends the records of {@code rows} to {@code into} (cleared first) and returns the buffer that
   * holds them, flipped for reading: {@code into} itself, or a larger one if it had no room.
   */
  static ByteBuffer encode(List<StoredAuditEvent> rows, ByteBuffer into) {
    ByteBuffer b = into;
    b.clear();
    for (StoredAuditEvent e : rows) {
      byte[][] strings = {
        utf8(e.eventId()),
        utf8(e.accountId()),
        utf8(e.region()),
        utf8(e.eventSource()),
        utf8(e.eventName()),
        utf8(e.username()),
        utf8(e.accessKeyId()),
        utf8(e.body()),
        utf8(e.chainHash())
      };
      int length = 8 + 8 + 1 + 4 * strings.length;
      for (byte[] s : strings) {
        length += s.length;
      }
      List<byte[]> names = utf8(e.resourceNames());
      List<byte[]> types = utf8(e.resourceTypes());
      length += 8 + size(names) + size(types);
      b = room(b, HEADER + length);
      int start = b.position();
      b.putInt(length).putInt(0);
      b.putLong(e.seq()).putLong(e.eventTime().toEpochMilli()).put((byte) (e.readOnly() ? 1 : 0));
      for (byte[] s : strings) {
        b.putInt(s.length).put(s);
      }
      putList(b, names);
      putList(b, types);
      CRC32C crc = new CRC32C();
      crc.update(b.array(), start + HEADER, length);
      b.putInt(start + 4, (int) crc.getValue());
    }
    return b.flip();
  }

  /** The records of {@code rows} as one array. */
  static byte[] encode(List<StoredAuditEvent> rows) {
    ByteBuffer b = encode(rows, ByteBuffer.allocate(rows.size() * 1536));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /**
   * Every record of {@code records}, in order.
   *
   * @param checkCrc whether a record must match its checksum. Blocks in the database skip the
   *     check: a changed event there is for the hash chain to report, precisely, as changed.
   * @throws Damaged if a record is cut short, fails its checksum or does not parse
   */
  static List<StoredAuditEvent> decodeAll(byte[] records, boolean checkCrc) throws Damaged {
    List<StoredAuditEvent> events = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(records);
    while (b.hasRemaining()) {
      if (b.remaining() < HEADER) {
        throw new Damaged("a record header is cut short", events);
      }
      int length = b.getInt();
      int crc = b.getInt();
      if (length <= 0 || length > b.remaining()) {
        throw new Damaged("bad record length " + length, events);
      }
      if (checkCrc && !checksumMatches(records, b.position(), length, crc)) {
        throw new Damaged("a record fails its checksum", events);
      }
      try {
        events.add(decode(b.slice(b.position(), length)));
      } catch (RuntimeException e) {
        throw new Damaged(String.valueOf(e.getMessage()), events);
      }
      b.position(b.position() + length);
    }
    return events;
  }

  /** Records that could not all be decoded, with those before the damage. */
  static final class Damaged extends Exception {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized
    private final List<StoredAuditEvent> decoded;

    Damaged(String message, List<StoredAuditEvent> decoded) {
      super(message);
      this.decoded = List.copyOf(decoded);
    }

    List<StoredAuditEvent> decoded() {
      return decoded;
    }
  }

  /** The length in bytes of the {@code count} records that start at {@code offset}. */
  static int length(byte[] records, int offset, int count) {
    ByteBuffer b = ByteBuffer.wrap(records);
    int at = offset;
    for (int i = 0; i < count; i++) {
      at += HEADER + b.getInt(at);
    }
    return at - offset;
  }

  static boolean checksumMatches(byte[] array, int offset, int length, int crc) {
    CRC32C check = new CRC32C();
    check.update(array, offset, length);
    return (int) check.getValue() == crc;
  }

  /** One payload (without its header). */
  static StoredAuditEvent decode(ByteBuffer b) {
    long seq = b.getLong();
    Instant time = Instant.ofEpochMilli(b.getLong());
    boolean readOnly = b.get() != 0;
    String eventId = string(b);
    String accountId = string(b);
    String region = string(b);
    String eventSource = string(b);
    String eventName = string(b);
    String username = string(b);
    String accessKeyId = string(b);
    String body = string(b);
    String chainHash = string(b);
    List<String> names = list(b);
    List<String> types = list(b);
    return new StoredAuditEvent(
        seq,
        eventId,
        time,
        accountId,
        region,
        eventSource,
        eventName,
        username,
        accessKeyId,
        names,
        types,
        readOnly,
        body,
        chainHash);
  }

  private static ByteBuffer room(ByteBuffer b, int more) {
    if (b.remaining() >= more) {
      return b;
    }
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + more));
    return bigger.put(b.flip());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<byte[]> utf8(List<String> items) {
    List<byte[]> out = new ArrayList<>(items.size());
    for (String s : items) {
      out.add(utf8(s));
    }
    return out;
  }

  private static int size(List<byte[]> items) {
    int n = 0;
    for (byte[] s : items) {
      n += 4 + s.length;
    }
    return n;
  }

  private static void putList(ByteBuffer b, List<byte[]> items) {
    b.putInt(items.size());
    for (byte[] s : items) {
      b.putInt(s.length).put(s);
    }
  }

  private static String string(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      throw new IllegalArgumentException("bad string length " + n);
    }
    String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
    b.position(b.position() + n);
    return s;
  }

  private static List<String> list(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > b.remaining() / 4) {
      throw new IllegalArgumentException("bad list length " + n);
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(string(b));
    }
    return out;
  }
}
