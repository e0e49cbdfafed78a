package dev.coffer.audit;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.AuditHead;
import dev.coffer.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Retention: moves sealed events older than the retention period, with their digests, out of the
 * database into export-format files under the archive directory, then deletes them. Files are
 * written and synced before the rows go, so nothing is ever dropped; the newest digest always stays
 * so the chain continues from it. {@code coffer audit verify --offline} checks the archive.
 */
final class AuditArchiver {
  private static final int DIGESTS_PER_RUN = 1000;
  private final Store store;
  private final Clock clock;
  private final Duration retention;
  private final Path archiveDir;

  AuditArchiver(Store store, Clock clock, Duration retention, Path archiveDir) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
    this.archiveDir = archiveDir;
  }

  /** Archives what is due; returns how many digests were archived. */
  synchronized int archiveDue() {
    AuditHead head = store.read(tx -> tx.audit().head());
    List<AuditDigest> due =
        store.read(
            tx -> tx.audit().digestsEndedBefore(clock.instant().minus(retention), DIGESTS_PER_RUN));
    due = due.stream().filter(d -> d.digestSeq() < head.lastDigestSeq()).toList();
    if (due.isEmpty()) {
      return 0;
    }
    AuditDigest first = due.get(0);
    AuditDigest last = due.get(due.size() - 1);
    try {
      ExportWriter.write(
          archiveDir,
          due,
          from -> store.read(tx -> tx.audit().events(from, last.lastEventSeq(), 1000)),
          first.firstEventSeq(),
          last.lastEventSeq());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit archive in " + archiveDir, e);
    }
    store.execute(tx -> tx.audit().removeArchived(last.digestSeq(), last.lastEventSeq()));
    return due.size();
  }
}
