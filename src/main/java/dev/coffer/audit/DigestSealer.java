package dev.coffer.audit;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.AuditHead;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Seals the events written since the last digest into a new signed digest (CloudTrail delivers a
 * digest file every hour; Coffer seals every {@code sealInterval}, and only when there are new
 * events).
 *
 * <p>What it signs is the chain hash this process computed when it wrote the events, kept by the
 * {@link ChainWitness}: it follows the batches recorded there from the previous digest's end as far
 * as they chain (at most {@link #MAX_EVENTS_PER_DIGEST} events, and no further than the committed
 * head) and reads one row, the last event of that run. If its stored chain hash is the one
 * computed, the run committed as computed (a rolled-back batch whose numbers another writer took
 * ends in another hash; the chain hashes are collision resistant), and the digest seals it without
 * reading the events in between.
 *
 * <p>This is sound, and stricter than re-hashing the stored events before signing, because the
 * signed hash covers the events as they were written: an event altered in the database before
 * sealing no longer matches the digest, and {@code coffer audit verify} reports it. The re-check
 * only refused to sign an altered chain; one rewritten consistently (every later hash recomputed)
 * passed it and got signed. So when the store disagrees with a run whose last transaction is known
 * to have committed, the sealer still signs what was written, and logs the disagreement.
 *
 * <p>Events the witness has not seen (written by another node sharing the database, by another
 * audit log, or before this process started), and a run the store disagrees with that may have been
 * rolled back, are sealed the old way: read back, re-hashed and checked against their stored chain
 * hashes, refusing to sign if they do not chain.
 *
 * <p>Everything but the insert of the digest runs outside any lock (written events never change);
 * the insert takes the head lock, and gives way if another node or thread sealed first. There is
 * deliberately no Java lock here: a seal may run inside a request's transaction (SealAuditDigest),
 * and a monitor taken in another order would deadlock with the store's lock.
 */
final class DigestSealer {
  private static final Logger LOG = Logger.getLogger(DigestSealer.class.getName());
  static final int MAX_EVENTS_PER_DIGEST = 100_000;
  private static final int PAGE = 1000;

  /** The unsealed events do not chain: something changed them. */
  static final class ChainBrokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChainBrokenException(String message) {
      super(message);
    }
  }

  /**
   * The events the next digest seals: {@code firstSeq..lastSeq}, chained from {@code startHash} to
   * {@code endHash}. {@code firstEventTime} starts the digest when there is no previous one (the
   * witness path reads it only then); {@code witnessed} says the hash came from the witness.
   */
  record Span(
      long firstSeq,
      long lastSeq,
      String startHash,
      String endHash,
      Optional<Instant> firstEventTime,
      boolean witnessed) {}

  private volatile @Nullable String altered;
  private final Store store;
  private final SigningKey key;
  private final Clock clock;
  private final ChainWitness witness;

  DigestSealer(Store store, SigningKey key, Clock clock, ChainWitness witness) {
    this.store = store;
    this.key = key;
    this.clock = clock;
    this.witness = witness;
  }

  /** Seals what is unsealed (in digests of at most 100,000 events); returns the newest digest. */
  Optional<AuditDigest> sealAll() {
    store.copyJournaledEvents();
    Optional<AuditDigest> newest = Optional.empty();
    while (true) {
      Optional<AuditDigest> d = sealOnce();
      if (d.isEmpty()) {
        return newest;
      }
      newest = d;
    }
  }

  /** What the next digest would seal now, without sealing it (for tests). */
  Optional<Span> nextSpan() {
    store.copyJournaledEvents();
    AuditHead head = store.read(tx -> tx.audit().head());
    return span(head, previous(head));
  }

  private Optional<AuditDigest> sealOnce() {
    AuditHead head = store.read(tx -> tx.audit().head());
    Optional<AuditDigest> prev = previous(head);
    Optional<Span> next = span(head, prev);
    if (next.isEmpty()) {
      return Optional.empty();
    }
    Span s = next.get();
    Instant end = clock.instant();
    Instant startTime = prev.map(AuditDigest::endTime).orElse(s.firstEventTime().orElse(end));
    if (end.isBefore(startTime)) {
      end = startTime;
    }
    AuditDigest unsigned =
        new AuditDigest(
            head.lastDigestSeq() + 1,
            s.firstSeq(),
            s.lastSeq(),
            startTime,
            end,
            s.startHash(),
            s.endHash(),
            prev.map(EventChain::digestHash).orElse(""),
            key.fingerprint(),
            "");
    AuditDigest signed =
        new AuditDigest(
            unsigned.digestSeq(),
            unsigned.firstEventSeq(),
            unsigned.lastEventSeq(),
            unsigned.startTime(),
            unsigned.endTime(),
            unsigned.startChainHash(),
            unsigned.lastChainHash(),
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
    if (inserted) {
      witness.forgetThrough(s.lastSeq());
    }
    return inserted ? Optional.of(signed) : Optional.empty();
  }

  /**
   * Set once a seal found a witnessed, committed event changed or missing in the store: what it
   * found. The digest then signs the events as written, so verification shows the change.
   */
  Optional<String> alteration() {
    return Optional.ofNullable(altered);
  }

  private Optional<AuditDigest> previous(AuditHead head) {
    if (head.lastDigestSeq() == 0) {
      return Optional.empty();
    }
    Optional<AuditDigest> prev = store.read(tx -> tx.audit().digest(head.lastDigestSeq()));
    if (prev.isEmpty()) {
      throw new ChainBrokenException("digest " + head.lastDigestSeq() + " is missing");
    }
    return prev;
  }

  private Optional<Span> span(AuditHead head, Optional<AuditDigest> prev) {
    long first = prev.map(d -> d.lastEventSeq() + 1).orElse(1L);
    long last = Math.min(head.lastSeq(), first + MAX_EVENTS_PER_DIGEST - 1);
    // Whoever sealed the previous digest (this node or another), what it sealed needs no witness.
    witness.forgetThrough(first - 1);
    if (last < first) {
      return Optional.empty();
    }
    String start = prev.map(AuditDigest::lastChainHash).orElse("");
    boolean needsFirstTime = prev.isEmpty();
    return witnessed(first, last, start, needsFirstTime)
        .or(() -> Optional.of(reread(first, last, start)));
  }

  /**
   * The span the witness vouches for from {@code first}: once the store confirms its last event's
   * chain hash, or without that when its last transaction is known to have committed. Empty if the
   * witness has no run there, or the run may have been rolled back and the store disagrees.
   */
  private Optional<Span> witnessed(long first, long last, String start, boolean needsFirstTime) {
    Optional<ChainWitness.Run> run = witness.walk(first, start, last);
    if (run.isEmpty()) {
      return Optional.empty();
    }
    ChainWitness.Run r = run.get();
    Optional<StoredAuditEvent> end = event(r.lastSeq());
    if (end.isEmpty() || !end.get().chainHash().equals(r.endHash())) {
      if (!r.committed()) {
        return Optional.empty(); // rolled back and the numbers taken by another writer, most likely
      }
      String what =
          "audit event "
              + r.lastSeq()
              + (end.isEmpty()
                  ? " is missing"
                  : " does not hold the chain hash it was written with")
              + ": the audit log was changed in the database after it was written";
      // Sticky until restart: the change stays in the trail, and health must keep saying so.
      altered = what + "; run `coffer audit verify`";
      LOG.severe(
          what
              + ". Sealing events "
              + first
              + ".."
              + r.lastSeq()
              + " as they were written; `coffer audit verify` reports what changed.");
    }
    Optional<Instant> firstTime = Optional.empty();
    if (needsFirstTime) {
      Optional<StoredAuditEvent> firstEvent = first == r.lastSeq() ? end : event(first);
      if (firstEvent.isEmpty()) {
        return Optional.empty();
      }
      firstTime = Optional.of(firstEvent.get().eventTime());
    }
    return Optional.of(new Span(first, r.lastSeq(), start, r.endHash(), firstTime, true));
  }

  private Optional<StoredAuditEvent> event(long seq) {
    List<StoredAuditEvent> rows = store.read(tx -> tx.audit().events(seq, seq, 1));
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Reads events {@code first..last} back and re-hashes them; refuses if they do not chain. */
  private Span reread(long first, long last, String start) {
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
    return new Span(first, last, start, hash, Optional.ofNullable(firstTime), false);
  }
}
