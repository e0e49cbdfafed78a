package dev.coffer.audit;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.AuditHead;
import dev.coffer.core.audit.AuditLookup;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads the audit log: LookupEvents pages, and the raw events and digests verification needs. */
public final class AuditReader {
  private final Store store;

  AuditReader(Store store) {
    this.store = store;
  }

  /** A LookupEvents page, newest first. */
  public List<StoredAuditEvent> lookup(AuditLookup query) {
    store.copyJournaledEvents();
    return store.read(tx -> tx.audit().lookup(query));
  }

  /** Events {@code fromSeq..toSeq}, ascending, at most {@code limit}. */
  public List<StoredAuditEvent> events(long fromSeq, long toSeq, int limit) {
    store.copyJournaledEvents();
    return store.read(tx -> tx.audit().events(fromSeq, toSeq, limit));
  }

  /** The newest {@code limit} events, ascending. */
  public List<StoredAuditEvent> latest(int limit) {
    store.copyJournaledEvents();
    return store.read(tx -> tx.audit().latestEvents(limit));
  }

  /** Digests from {@code fromDigestSeq} that overlap {@code [from, to]}, ascending. */
  public List<AuditDigest> digests(long fromDigestSeq, Instant from, Instant to, int limit) {
    return store.read(tx -> tx.audit().digests(fromDigestSeq, from, to, limit));
  }

  public AuditHead head() {
    store.copyJournaledEvents();
    return store.read(tx -> tx.audit().head());
  }

  /** The public keys digests are signed with (X.509 DER by fingerprint), oldest first. */
  public Map<String, byte[]> publicKeys() {
    return SigningKey.publicKeys(store);
  }
}
