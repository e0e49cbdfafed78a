package dev.coffer.audit;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.AuditHead;
import dev.coffer.core.audit.StoredAuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Verifies the whole audit trail in the database against its signed digests and head, with the same
 * {@link ChainVerifier} that {@code coffer audit verify} runs, for evidence (compliance reports)
 * and operators.
 */
public final class TrailCheck {
  private static final int PAGE = 1000;

  private TrailCheck() {}

  public static ChainVerifier.Report run(AuditReader reader) {
    AuditHead head = reader.head();
    ChainVerifier v =
        new ChainVerifier(
            reader.publicKeys(),
            new ChainVerifier.Expectations(
                true,
                head.archivedDigestSeq(),
                OptionalLong.of(head.lastSeq()),
                OptionalLong.of(head.lastDigestSeq())));
    List<AuditDigest> digests = new ArrayList<>();
    long next = 1;
    while (true) {
      List<AuditDigest> page =
          reader.digests(next, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE / 2), PAGE);
      if (page.isEmpty()) {
        break;
      }
      digests.addAll(page);
      next = page.get(page.size() - 1).digestSeq() + 1;
    }
    digests.forEach(v::digest);
    long seq = digests.isEmpty() ? 1 : digests.get(0).firstEventSeq();
    while (seq <= head.lastSeq()) {
      List<StoredAuditEvent> page = reader.events(seq, head.lastSeq(), PAGE);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(v::event);
      seq = page.get(page.size() - 1).seq() + 1;
    }
    return v.finish();
  }
}
