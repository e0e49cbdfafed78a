package dev.coffer.audit;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.StoredAuditEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes audit events and their digests as gzip JSON-lines files (one {@link AuditJson} object per
 * line) named after the ranges they hold, {@code digests-D1-D2.jsonl.gz} and {@code
 * events-E1-E2.jsonl.gz} with zero-padded numbers, so exports and archives can be gathered in one
 * directory and checked together by {@link ExportReader}. Files are synced before this returns.
 */
public final class ExportWriter {
  private ExportWriter() {}

  /** Reads events from a sequence number on, ascending, one page at a time. */
  @FunctionalInterface
  public interface EventPages {
    List<StoredAuditEvent> from(long seq) throws IOException;
  }

  /**
   * Writes {@code digests} and the events {@code firstSeq..lastSeq} into {@code dir}.
   *
   * @return the number of events written
   */
  public static long write(
      Path dir, List<AuditDigest> digests, EventPages events, long firstSeq, long lastSeq)
      throws IOException {
    Files.createDirectories(dir);
    if (digests.isEmpty()) {
      return 0;
    }
    String digestRange =
        String.format(
            "%010d-%010d", digests.get(0).digestSeq(), digests.get(digests.size() - 1).digestSeq());
    Path digestFile = dir.resolve("digests-" + digestRange + ".jsonl.gz");
    try (Writer w = gzipWriter(digestFile)) {
      for (AuditDigest d : digests) {
        w.write(AuditJson.line(AuditJson.digest(d)));
        w.write('\n');
      }
    }
    sync(digestFile);
    Path eventFile = dir.resolve(String.format("events-%012d-%012d.jsonl.gz", firstSeq, lastSeq));
    long count = 0;
    try (Writer w = gzipWriter(eventFile)) {
      long next = firstSeq;
      while (next <= lastSeq) {
        List<StoredAuditEvent> page = events.from(next);
        if (page.isEmpty()) {
          break;
        }
        for (StoredAuditEvent e : page) {
          if (e.seq() > lastSeq) {
            break;
          }
          w.write(AuditJson.line(AuditJson.event(e)));
          w.write('\n');
          count++;
        }
        next = page.get(page.size() - 1).seq() + 1;
      }
    }
    sync(eventFile);
    return count;
  }

  private static Writer gzipWriter(Path file) throws IOException {
    OutputStream out =
        Files.newOutputStream(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return new OutputStreamWriter(new GZIPOutputStream(out, 1 << 16), StandardCharsets.UTF_8);
  }

  private static void sync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }
}
