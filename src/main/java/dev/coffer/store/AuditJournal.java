package dev.coffer.store;

import dev.coffer.core.audit.StoredAuditEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Where a file-backed SQLite store makes the audit events of reads durable before it copies them
 * into the database in bulk, as blocks of {@code audit_event_blocks} that hold the very records
 * written here (see {@link AuditRepository#insertBlocks(List, byte[])}).
 *
 * <p>Why: inserting a few reads' events per commit rewrote a dozen database pages each time (the
 * half-filled last leaf, the index leaf, the head row, interior pages), and every commit also
 * emptied the page caches of all reading connections. Appending the same events to a file is one
 * sequential write per batch; copying them into the database dozens at a time, a block a row,
 * writes each page about once. The events are durable either way before any caller is answered: the
 * {@link WalSyncer} fsyncs this journal as it fsyncs the WAL.
 *
 * <p>Layout: two preallocated files ({@code <database>-audit0} and {@code -audit1}), written in
 * turn. Each record is its payload's length and CRC-32C followed by the payload (the event's stored
 * fields, already numbered and chained by the audit layer). A file is reused from its start only
 * once every event in it has been copied into the database and that copy is durable, so at any
 * moment the events not yet in the database are all on disk here. Preallocation matters: on ext4 an
 * fsync of a file that grew costs about twice one that overwrote its blocks (README,
 * "Performance").
 *
 * <p>Recovery ({@link #recover}) reads both files and returns the events that follow the database's
 * last one, in sequence, stopping at the first gap; a torn record (a crash in the middle of a
 * write) fails its checksum, and a record left from before a file was reused has a sequence number
 * the database already holds. Events past a gap were never acknowledged: each batch is released
 * only once every earlier one is durable.
 *
 * <p>Threads: the writer thread appends, copies and recycles; the syncer thread calls {@link
 * #force} and {@link #copyDurable}. Nothing else touches it.
 */
final class AuditJournal implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AuditJournal.class.getName());

  /** Bytes preallocated for each of the two files; a file grows past it only if it must. */
  static final long FILE_BYTES = 8L << 20;

  /**
   * Events waiting in the journal at which the writer copies them into the database whenever it
   * finds no caller waiting, {@code COPY_IDLE_AT} at a time: copies then fill the writer's idle
   * moments instead of holding up the callers queued behind them (a copy of 64 events takes about
   * half a millisecond; each event is about a quarter of a page).
   */
  static final int COPY_IDLE_AT = 64;

  /**
   * Events waiting in the journal at which the writer copies them all before its next batch even
   * while callers wait (it never found a moment without them), so that the journal's files, which
   * hold several thousand events each, never need to grow.
   */
  static final int COPY_AT = 512;

  /** How long events may wait in the journal when no more arrive (an idle server). */
  static final long COPY_AFTER_MILLIS = 100;

  private static final int HEADER = AuditRecords.HEADER;

  private final Path[] paths;
  private final FileChannel[] channels;
  private final AtomicBoolean[] dirty = {new AtomicBoolean(), new AtomicBoolean()};
  // Writer thread only.
  private final long[] lastSeq = new long[2];
  private final List<StoredAuditEvent> pending = new ArrayList<>();
  // The pending events' records as written, in records[recordsStart, recordsEnd): their copy into
  // the database stores these bytes rather than encoding the events again.
  private byte[] records = new byte[256 << 10];
  private int recordsStart;
  private int recordsEnd;
  private int active;
  private long position;
  private ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
  // The newest event whose copy into the database has committed (writer) / is durable (syncer).
  private volatile long copiedSeq;
  private volatile long durableSeq;
  private volatile @Nullable IOException broken;

  private AuditJournal(Path[] paths, FileChannel[] channels) {
    this.paths = paths;
    this.channels = channels;
  }

  /** The journal of the database file {@code database}, its files created if missing. */
  static AuditJournal open(Path database) throws IOException {
    Path[] paths = {sibling(database, "-audit0"), sibling(database, "-audit1")};
    FileChannel[] channels = new FileChannel[2];
    try {
      for (int i = 0; i < 2; i++) {
        channels[i] =
            FileChannel.open(
                paths[i],
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        preallocate(channels[i]);
      }
    } catch (IOException e) {
      for (FileChannel c : channels) {
        if (c != null) {
          c.close();
        }
      }
      throw e;
    }
    return new AuditJournal(paths, channels);
  }

  private static Path sibling(Path database, String suffix) {
    return database.resolveSibling(database.getFileName() + suffix);
  }

  private static void preallocate(FileChannel c) throws IOException {
    long size = c.size();
    if (size >= FILE_BYTES) {
      return;
    }
    zeroFrom(c, size);
    c.force(true);
  }

  /** Writes zeros from {@code from} to {@link #FILE_BYTES}. */
  private static void zeroFrom(FileChannel c, long from) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
    for (long at = from; at < FILE_BYTES; ) {
      zeros.clear().limit((int) Math.min(zeros.capacity(), FILE_BYTES - at));
      at += c.write(zeros, at);
    }
  }

  /**
   * The events after {@code lastSeq} (the database's newest) that the journal holds, in order and
   * without gaps. Call before the writer starts; once they are durably in the database, call {@link
   * #recovered}.
   */
  List<StoredAuditEvent> recover(long lastSeq) throws IOException {
    TreeMap<Long, StoredAuditEvent> found = new TreeMap<>();
    for (FileChannel c : channels) {
      for (StoredAuditEvent e : readAll(c)) {
        if (e.seq() > lastSeq) {
          found.putIfAbsent(e.seq(), e);
        }
      }
    }
    List<StoredAuditEvent> events = new ArrayList<>();
    long next = lastSeq + 1;
    for (StoredAuditEvent e : found.values()) {
      if (e.seq() != next) {
        LOG.warning(
            "audit journal: events after "
                + (next - 1)
                + " skipped: the next one found is "
                + e.seq()
                + " (never acknowledged)");
        break;
      }
      events.add(e);
      next++;
    }
    return events;
  }

  /**
   * Everything in the journal is in the database and durable: empties both files and starts over in
   * the first. Emptying matters when recovery stopped at a gap: the events past it must not come
   * back after the next run has reused their numbers.
   */
  void recovered() throws IOException {
    for (FileChannel c : channels) {
      if (c.size() > FILE_BYTES) {
        c.truncate(FILE_BYTES);
      }
      ByteBuffer first = ByteBuffer.allocate(HEADER);
      c.read(first, 0);
      if (first.flip().remaining() == HEADER && first.getLong() == 0) {
        continue;
      }
      zeroFrom(c, 0);
      c.force(false);
    }
    active = 0;
    position = 0;
    lastSeq[0] = 0;
    lastSeq[1] = 0;
  }

  private static List<StoredAuditEvent> readAll(FileChannel c) throws IOException {
    List<StoredAuditEvent> events = new ArrayList<>();
    long size = c.size();
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    long at = 0;
    while (at + HEADER <= size) {
      header.clear();
      readFully(c, header, at);
      header.flip();
      int length = header.getInt();
      int crc = header.getInt();
      if (length <= 0 || length > AuditRecords.MAX_RECORD || at + HEADER + length > size) {
        break;
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(c, payload, at + HEADER);
      if (!AuditRecords.checksumMatches(payload.array(), 0, length, crc)) {
        break;
      }
      try {
        events.add(AuditRecords.decode(payload.flip()));
      } catch (RuntimeException e) {
        break;
      }
      at += HEADER + length;
    }
    return events;
  }

  private static void readFully(FileChannel c, ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      if (c.read(b, at + b.position()) < 0) {
        throw new IOException("unexpected end of the audit journal");
      }
    }
  }

  /**
   * Writes {@code rows} (numbered after every pending one) and adds them to the pending events.
   * They are durable once {@link #force} has returned after this call.
   */
  void append(List<StoredAuditEvent> rows) {
    IOException failed = broken;
    if (failed != null) {
      throw new StoreException("the audit journal failed earlier", failed);
    }
    ByteBuffer out = AuditRecords.encode(rows, buffer);
    buffer = out;
    int other = 1 - active;
    if (position + out.remaining() > FILE_BYTES && lastSeq[other] <= durableSeq) {
      active = other;
      position = 0;
    }
    try {
      FileChannel c = channels[active];
      long at = position;
      while (out.hasRemaining()) {
        at += c.write(out, at);
      }
      position = at;
    } catch (IOException e) {
      // The file may now hold part of this batch: refuse further writes, as for a failed fsync.
      broken = e;
      LOG.log(Level.SEVERE, "writing " + paths[active] + " failed; audit events are refused", e);
      throw new StoreException("the audit journal could not be written", e);
    }
    lastSeq[active] = rows.get(rows.size() - 1).seq();
    dirty[active].set(true);
    keepRecords(out.array(), out.limit());
    pending.addAll(rows);
  }

  private void keepRecords(byte[] from, int length) {
    if (recordsEnd + length > records.length) {
      int live = recordsEnd - recordsStart;
      byte[] to =
          live + length > records.length / 2
              ? new byte[Math.max(records.length * 2, live + length)]
              : records;
      System.arraycopy(records, recordsStart, to, 0, live);
      records = to;
      recordsStart = 0;
      recordsEnd = live;
    }
    System.arraycopy(from, 0, records, recordsEnd, length);
    recordsEnd += length;
  }

  /**
   * The records of the oldest {@code count} pending events, as written to the journal (see {@link
   * AuditRecords}).
   */
  byte[] pendingRecords(int count) {
    return Arrays.copyOfRange(
        records, recordsStart, recordsStart + AuditRecords.length(records, recordsStart, count));
  }

  /** Events in the journal that are not yet in the database, oldest first. */
  List<StoredAuditEvent> pending() {
    return pending;
  }

  /** The newest pending event, if any. */
  @Nullable StoredAuditEvent lastPending() {
    return pending.isEmpty() ? null : pending.get(pending.size() - 1);
  }

  /** The oldest {@code count} pending events have been committed into the database. */
  void copied(int count) {
    if (count == 0) {
      return;
    }
    copiedSeq = pending.get(count - 1).seq();
    pending.subList(0, count).clear();
    recordsStart += AuditRecords.length(records, recordsStart, count);
    if (recordsStart == recordsEnd) {
      recordsStart = 0;
      recordsEnd = 0;
    }
  }

  /** The newest event whose copy into the database has committed (not necessarily durable). */
  long copiedSeq() {
    return copiedSeq;
  }

  /** The database's copy of every event up to {@code seq} is durable (syncer thread). */
  void copyDurable(long seq) {
    if (seq > durableSeq) {
      durableSeq = seq;
    }
  }

  /** Syncs the files written since the last call (syncer thread). */
  void force() throws IOException {
    IOException failed = broken;
    if (failed != null) {
      throw failed;
    }
    for (int i = 0; i < 2; i++) {
      if (dirty[i].getAndSet(false)) {
        try {
          channels[i].force(false);
        } catch (IOException e) {
          broken = e;
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < 2; i++) {
      try {
        channels[i].close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing " + paths[i], e);
      }
    }
  }
}
