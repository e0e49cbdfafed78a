package dev.coffer.audit;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.AuditHead;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Seals the events written since the last digest into a new signed digest (CloudTrail delivers a
 * digest file every hour; Coffer seals every {@code sealInterval}, and only when there are new
 * events). Before signing, it re-checks the chain of the events it seals, so an event altered
 * before sealing is refused rather than signed.
 *
 * <p>The events are read and hashed outside any lock (written events never change); only the insert
 * of the digest takes the head lock, and it gives way if another node or thread sealed first. There
 * is deliberately no Java lock here: a seal may run inside a request's transaction
 * (SealAuditDigest), and a monitor taken in another order would deadlock with the store's lock.
 */
final class DigestSealer {
  static final int MAX_EVENTS_PER_DIGEST = 100_000;
  private static final int PAGE = 1000;

  /** The unsealed events do not chain: something changed them. */
  static final class ChainBrokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChainBrokenException(String message) {
      super(message);
    }
  }

  private final Store store;
  private final SigningKey key;
  private final Clock clock;

  DigestSealer(Store store, SigningKey key, Clock clock) {
    this.store = store;
    this.key = key;
    this.clock = clock;
  }

  /** Seals what is unsealed (in digests of at most 100,000 events); returns the newest digest. */
  Optional<AuditDigest> sealAll() {
    Optional<AuditDigest> newest = Optional.empty();
    while (true) {
      Optional<AuditDigest> d = sealOnce();
      if (d.isEmpty()) {
        return newest;
      }
      newest = d;
    }
  }

  private Optional<AuditDigest> sealOnce() {
    AuditHead head = store.read(tx -> tx.audit().head());
    Optional<AuditDigest> prev =
        head.lastDigestSeq() == 0
            ? Optional.empty()
            : store.read(tx -> tx.audit().digest(head.lastDigestSeq()));
    if (head.lastDigestSeq() != 0 && prev.isEmpty()) {
      throw new ChainBrokenException("digest " + head.lastDigestSeq() + " is missing");
    }
    long first = prev.map(d -> d.lastEventSeq() + 1).orElse(1L);
    long last = Math.min(head.lastSeq(), first + MAX_EVENTS_PER_DIGEST - 1);
    if (last < first) {
      return Optional.empty();
    }
    String start = prev.map(AuditDigest::lastChainHash).orElse("");
    String hash = start;
    Instant firstTime = null;
    long expected = first;
    while (expected <= last) {
      long from = expected;
      List<StoredAuditEvent> page = store.read(tx -> tx.audit().events(from, last, PAGE));
      if (page.isEmpty()) {
        throw new ChainBrokenException("events " + expected + ".." + last + " are missing");
      }
      for (StoredAuditEvent e : page) {
        if (e.seq() != expected) {
          throw new ChainBrokenException("event " + expected + " is missing");
        }
        hash = EventChain.link(hash, e);
        if (!hash.equals(e.chainHash())) {
          throw new ChainBrokenException("event " + e.seq() + " does not match its chain hash");
        }
        if (firstTime == null) {
          firstTime = e.eventTime();
        }
        expected++;
      }
    }
    Instant end = clock.instant();
    Instant startTime = prev.map(AuditDigest::endTime).orElse(firstTime == null ? end : firstTime);
    if (end.isBefore(startTime)) {
      end = startTime;
    }
    AuditDigest unsigned =
        new AuditDigest(
            head.lastDigestSeq() + 1,
            first,
            last,
            startTime,
            end,
            start,
            hash,
            prev.map(EventChain::digestHash).orElse(""),
            key.fingerprint(),
            "");
    AuditDigest signed =
        new AuditDigest(
            unsigned.digestSeq(),
            first,
            last,
            startTime,
            end,
            start,
            hash,
            unsigned.previousDigestHash(),
            unsigned.keyFingerprint(),
            key.sign(EventChain.signedBytes(unsigned)));
    boolean inserted =
        store.write(tx -> {
          AuditHead locked = tx.audit().lockHead();
          if (locked.lastDigestSeq() != head.lastDigestSeq()) {
            return false; // another node sealed meanwhile; the next round continues from its digest
          }
          tx.audit().insertDigest(signed);
          return true;
        });
    return inserted ? Optional.of(signed) : Optional.empty();
  }
}
