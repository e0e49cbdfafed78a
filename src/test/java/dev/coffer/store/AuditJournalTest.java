package dev.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.audit.StoredAuditEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite audit journal on its own: what {@link AuditJournal#recover} finds in the files another
 * journal wrote, after clean writes, torn writes, gaps and reuse of the two files.
 */
class AuditJournalTest {
  private static final long T0 = Instant.parse("2026-01-01T00:00:00.123Z").toEpochMilli();

  @TempDir Path dir;

  private Path db() {
    return dir.resolve("t.db");
  }

  private Path file(int i) {
    return dir.resolve("t.db-audit" + i);
  }

  /** An event with every field set, differing from its neighbours in each of them. */
  private static StoredAuditEvent event(long seq, String body) {
    return new StoredAuditEvent(
        seq,
        "id-" + seq,
        Instant.ofEpochMilli(T0 + seq * 1_001),
        "12345678901" + (seq % 10),
        seq % 2 == 0 ? "us-east-1" : "eu-west-3",
        "secretsmanager.amazonaws.com",
        seq % 3 == 0 ? "PutSecretValue" : "GetSecretValue",
        "üser-" + seq,
        seq % 4 == 0 ? "" : "AKIA" + seq,
        seq % 5 == 0
            ? List.of()
            : List.of("arn:aws:secretsmanager:us-east-1:1:secret:s" + seq, "s" + seq),
        seq % 5 == 0 ? List.of() : List.of("AWS::SecretsManager::Secret"),
        seq % 3 != 0,
        body,
        "hash-" + seq);
  }

  private static StoredAuditEvent event(long seq) {
    return event(seq, "{\"eventID\":\"id-" + seq + "\",\"n\":\"日本\"}");
  }

  private static List<StoredAuditEvent> events(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(AuditJournalTest::event).toList();
  }

  private static List<Long> seqs(List<StoredAuditEvent> events) {
    return events.stream().map(StoredAuditEvent::seq).toList();
  }

  /** What a journal opened afresh over the same files recovers after {@code lastSeq}. */
  private List<StoredAuditEvent> recoverAfter(long lastSeq) throws IOException {
    try (AuditJournal j = AuditJournal.open(db())) {
      return j.recover(lastSeq);
    }
  }

  /** Offsets of the records at the start of {@code f}, read from their length headers. */
  private static List<Long> recordOffsets(Path f) throws IOException {
    List<Long> offsets = new ArrayList<>();
    try (FileChannel c = FileChannel.open(f, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(4);
      long at = 0;
      while (true) {
        header.clear();
        if (c.read(header, at) < 4) {
          break;
        }
        int length = header.flip().getInt();
        if (length <= 0) {
          break;
        }
        offsets.add(at);
        at += 8 + length;
      }
      offsets.add(at);
    }
    return offsets;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (haystack[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void overwrite(Path f, long at, byte[] bytes) throws IOException {
    try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.wrap(bytes), at);
    }
  }

  @Test
  void pendingRecordsAreTheRecordsOfThePendingEventsThroughCopiesAndGrowth() throws Exception {
    java.util.Random random = new java.util.Random(42);
    try (AuditJournal j = AuditJournal.open(db())) {
      j.recover(0);
      j.recovered();
      long next = 1;
      for (int step = 0; step < 400; step++) {
        if (random.nextInt(3) > 0 || j.pending().isEmpty()) {
          // Batches up to 40 events of up to 1.2 KB: the pending records outgrow their first
          // buffer and are compacted as copies free its start.
          List<StoredAuditEvent> batch = new ArrayList<>();
          for (int n = 1 + random.nextInt(40); n > 0; n--, next++) {
            batch.add(event(next, "x".repeat(random.nextInt(1200))));
          }
          j.append(batch);
        } else {
          j.copied(1 + random.nextInt(j.pending().size()));
        }
        int all = j.pending().size();
        int some = random.nextInt(all + 1);
        assertThat(AuditRecords.decodeAll(j.pendingRecords(all), true)).isEqualTo(j.pending());
        assertThat(AuditRecords.decodeAll(j.pendingRecords(some), true))
            .isEqualTo(j.pending().subList(0, some));
      }
    }
  }

  @Test
  void filesArePreallocated() throws IOException {
    try (AuditJournal j = AuditJournal.open(db())) {
      assertThat(Files.size(file(0))).isEqualTo(AuditJournal.FILE_BYTES);
      assertThat(Files.size(file(1))).isEqualTo(AuditJournal.FILE_BYTES);
      assertThat(j.recover(0)).isEmpty();
    }
  }

  @Test
  void recoversExactlyTheEventsAfterTheDatabasesLastInOrderWithEveryField() throws IOException {
    List<StoredAuditEvent> written = events(1, 12);
    try (AuditJournal j = AuditJournal.open(db())) {
      j.append(written.subList(0, 1));
      j.append(written.subList(1, 5));
      j.append(written.subList(5, 12));
      j.force();
    }

    assertThat(recoverAfter(0)).containsExactlyElementsOf(written);
    // Records the database already holds are skipped, whichever batch they were written in.
    assertThat(recoverAfter(3)).containsExactlyElementsOf(written.subList(3, 12));
    assertThat(recoverAfter(5)).containsExactlyElementsOf(written.subList(5, 12));
    assertThat(recoverAfter(11)).containsExactly(written.get(11));
    assertThat(recoverAfter(12)).isEmpty();
    assertThat(recoverAfter(40)).isEmpty();
  }

  @Test
  void eventTimeSurvivesToTheMillisecond() throws IOException {
    StoredAuditEvent e = event(1);
    assertThat(e.eventTime().toEpochMilli() % 1000).isNotZero();
    try (AuditJournal j = AuditJournal.open(db())) {
      j.append(List.of(e));
    }
    List<StoredAuditEvent> back = recoverAfter(0);
    assertThat(back).hasSize(1);
    assertThat(back.get(0).eventTime()).isEqualTo(e.eventTime());
    assertThat(back.get(0)).isEqualTo(e);
  }

  @Test
  void aRecordWithACorruptByteEndsRecovery() throws IOException {
    try (AuditJournal j = AuditJournal.open(db())) {
      j.append(events(1, 4));
      j.append(events(5, 5));
    }
    List<Long> at = recordOffsets(file(0));
    assertThat(at).hasSize(6);
    long last = at.get(4);
    long end = at.get(5);
    // One changed letter in the last record's body: it still decodes, only its checksum fails.
    byte[] record = new byte[(int) (end - last)];
    try (FileChannel c = FileChannel.open(file(0), StandardOpenOption.READ)) {
      c.read(ByteBuffer.wrap(record), last);
    }
    byte[] key = "\"eventID\":\"id-5\"".getBytes(StandardCharsets.UTF_8);
    int found = indexOf(record, key);
    assertThat(found).isPositive();
    overwrite(file(0), last + found + 1, new byte[] {'E'});

    assertThat(recoverAfter(0)).containsExactlyElementsOf(events(1, 4));
  }

  @Test
  void aTornLastRecordIsNotRecoveredButTheOnesBeforeItAre() throws IOException {
    try (AuditJournal j = AuditJournal.open(db())) {
      j.append(events(1, 3));
      j.append(events(4, 6));
    }
    List<Long> at = recordOffsets(file(0));
    assertThat(at).hasSize(7);
    long last = at.get(5);
    long end = at.get(6);
    // The write of the last record reached the disk only in part: the rest is still the zeros of
    // preallocation.
    long cut = last + 8 + (end - last - 8) / 3;
    overwrite(file(0), cut, new byte[(int) (end - cut)]);

    assertThat(recoverAfter(0)).containsExactlyElementsOf(events(1, 5));
    assertThat(recoverAfter(2)).containsExactlyElementsOf(events(3, 5));
  }

  @Test
  void aFileCutShortInsideItsLastRecordRecoversTheOnesBeforeIt() throws IOException {
    try (AuditJournal j = AuditJournal.open(db())) {
      j.append(events(1, 4));
    }
    List<Long> at = recordOffsets(file(0));
    long last = at.get(3);
    try (FileChannel c = FileChannel.open(file(0), StandardOpenOption.WRITE)) {
      c.truncate(last + 8 + 5);
    }

    assertThat(recoverAfter(0)).containsExactlyElementsOf(events(1, 3));
  }

  @Test
  void aGapInSequenceNumbersEndsRecovery() throws IOException {
    try (AuditJournal j = AuditJournal.open(db())) {
      j.append(events(1, 3));
      j.append(events(5, 7));
    }

    assertThat(seqs(recoverAfter(0))).containsExactly(1L, 2L, 3L);
    assertThat(recoverAfter(2)).containsExactly(event(3));
    // The database has what precedes the gap: what follows it is consecutive again.
    assertThat(seqs(recoverAfter(4))).containsExactly(5L, 6L, 7L);
  }

  @Test
  void aMissingFirstEventAfterTheDatabasesLastRecoversNothing() throws IOException {
    try (AuditJournal j = AuditJournal.open(db())) {
      j.append(events(3, 6));
    }

    assertThat(recoverAfter(1)).isEmpty();
    assertThat(seqs(recoverAfter(2))).containsExactly(3L, 4L, 5L, 6L);
  }

  /** Bodies of 64 KiB: about 128 events fill one file. */
  private static StoredAuditEvent big(long seq) {
    return event(seq, "{\"pad\":\"" + "x".repeat(64 << 10) + "\",\"seq\":" + seq + "}");
  }

  private static int eventsPerFile() {
    return (int) (AuditJournal.FILE_BYTES / (64 << 10));
  }

  @Test
  void switchingFilesOverwritesOnlyWhatTheDatabaseHoldsDurably() throws IOException {
    int perFile = eventsPerFile();
    // Two and a half files' worth: the first file fills, then the second, then the first is
    // reused (a third file's worth would need the second one reused too).
    long total = 2L * perFile + perFile / 2;
    long durable = perFile + 10; // every event of the first file, and some of the second
    try (AuditJournal j = AuditJournal.open(db())) {
      for (long seq = 1; seq <= total; seq++) {
        j.append(List.of(big(seq)));
        j.copied(1);
        if (seq == durable) {
          j.copyDurable(durable);
        }
      }
      j.force();
    }

    // Reused, not grown: the first file was overwritten from its start.
    assertThat(Files.size(file(0))).isEqualTo(AuditJournal.FILE_BYTES);
    assertThat(Files.size(file(1))).isEqualTo(AuditJournal.FILE_BYTES);

    List<StoredAuditEvent> back = recoverAfter(durable);
    assertThat(seqs(back))
        .containsExactlyElementsOf(LongStream.rangeClosed(durable + 1, total).boxed().toList());
    assertThat(back.get(back.size() - 1)).isEqualTo(big(total));
    assertThat(back.get(0)).isEqualTo(big(durable + 1));
    // The first events were overwritten: nothing follows the database's last but the new ones.
    assertThat(recoverAfter(0)).isEmpty();
  }

  @Test
  void aFileWhoseEventsAreNotDurablyInTheDatabaseIsNeverOverwritten() throws IOException {
    int perFile = eventsPerFile();
    long total = 2L * perFile + perFile / 2;
    try (AuditJournal j = AuditJournal.open(db())) {
      for (long seq = 1; seq <= total; seq++) {
        j.append(List.of(big(seq)));
        // Copied into the database (committed) but never durable there.
        j.copied(1);
      }
      j.force();
    }

    // The second file grew instead of overwriting the first.
    assertThat(Files.size(file(0))).isEqualTo(AuditJournal.FILE_BYTES);
    assertThat(Files.size(file(1))).isGreaterThan(AuditJournal.FILE_BYTES);
    List<StoredAuditEvent> back = recoverAfter(0);
    assertThat(seqs(back))
        .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    assertThat(back.get(0)).isEqualTo(big(1));
  }

  @Test
  void afterRecoveryTheFirstFileIsRewrittenAndRecoveryFindsOnlyTheNewEvents() throws IOException {
    try (AuditJournal j = AuditJournal.open(db())) {
      j.append(events(1, 20));
      j.force();
    }
    // Next start: the database has the first 20 (recovered, or copied before the stop).
    try (AuditJournal j = AuditJournal.open(db())) {
      assertThat(j.recover(20)).isEmpty();
      j.recovered();
      j.append(events(21, 23));
      j.force();
    }
    // The new events overwrote the start of the first file; old ones after them are skipped.
    assertThat(recoverAfter(20)).containsExactlyElementsOf(events(21, 23));
  }

  /** {@code event(seq)} as a later run makes it: another event under the same number. */
  private static StoredAuditEvent later(long seq) {
    return event(seq, "{\"run\":2,\"seq\":" + seq + "}").at(seq, "run2-hash-" + seq);
  }

  @Test
  void eventsLeftPastAGapAreNotRecoveredAfterTheirNumbersAreReused() throws IOException {
    // A crash left the first file ending in a torn record (event 4, never acknowledged) while the
    // second file's later batch (events 5 to 8, never acknowledged either) reached the disk whole.
    try (AuditJournal j = AuditJournal.open(db())) {
      j.append(events(1, 3));
    }
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    try (AuditJournal j = AuditJournal.open(other.resolve("t.db"))) {
      j.append(events(5, 8));
    }
    Files.copy(other.resolve("t.db-audit0"), file(1), StandardCopyOption.REPLACE_EXISTING);

    // The next run: the database has 1 to 3; 4 is missing, so nothing is recovered, and the run
    // numbers its own events from 4 and has 4 and 5 acknowledged before it crashes in turn.
    try (AuditJournal j = AuditJournal.open(db())) {
      assertThat(j.recover(3)).isEmpty();
      j.recovered();
      j.append(List.of(later(4), later(5)));
      j.force();
    }

    // Only the second run's events follow the database's; 6 to 8 of the first run would break the
    // chain (their hashes follow the first run's 5, not the second's).
    assertThat(recoverAfter(3)).containsExactly(later(4), later(5));
  }
}
