package dev.coffer.audit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this process computed when it appended audit events: for every batch, the sequence numbers
 * it took and the chain hashes before its first and after its last event, and whether its
 * transaction is known to have committed. The sealer signs these hashes instead of reading back and
 * re-hashing the events it seals ({@link DigestSealer}).
 *
 * <p>A batch is recorded inside its write transaction, before the commit, so that the sealer never
 * finds committed events without an entry merely because the entry came late. The transaction may
 * still fail after the append, and the next batch then takes the same numbers from the same hash:
 * entries are keyed by (first sequence number, hash before it), so the later batch replaces the
 * rolled-back one, and an entry not yet marked committed is trusted only once the store confirms
 * it. Events that another process wrote, or an audit log given another witness, have no entry here:
 * every audit log of a server shares the server's witness ({@link #forServer}), so that the sealer
 * sees all of the server's appends.
 *
 * <p>Lock-free (a concurrent skip list and a counter): appends run on the store's writer thread or
 * inside callers' transactions, and a Java lock shared with the sealer could deadlock with the
 * store's own lock. At most {@code capacity} entries are kept; beyond that, batches are not
 * recorded until the sealer forgets the sealed ones, and their events are sealed by reading them
 * back.
 */
public final class ChainWitness {
  /** About 300 bytes an entry; a minute's batches under heavy load take a few thousand. */
  static final int DEFAULT_CAPACITY = 100_000;

  /**
   * Events {@code firstSeq..lastSeq}, chained from {@code startHash} (the chain hash of event
   * {@code firstSeq - 1}, empty before the first event) to {@code endHash} (that of event {@code
   * lastSeq}); {@code committed} once the transaction that wrote the last of them has committed.
   */
  record Run(long firstSeq, long lastSeq, String startHash, String endHash, boolean committed) {}

  private record Key(long firstSeq, String startHash) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(firstSeq, o.firstSeq);
      return c != 0 ? c : startHash.compareTo(o.startHash);
    }
  }

  private final ConcurrentSkipListMap<Key, Run> runs = new ConcurrentSkipListMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;

  ChainWitness(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    this.capacity = capacity;
  }

  /**
   * The witness every audit log of one server writes to and its sealer reads; records nothing when
   * auditing is off (there is no sealer then).
   */
  public static ChainWitness forServer(AuditSettings settings) {
    return settings.enabled() ? new ChainWitness(DEFAULT_CAPACITY) : none();
  }

  /** A witness that records nothing: for audit logs that no sealer of this process reads. */
  static ChainWitness none() {
    return new ChainWitness(0);
  }

  /**
   * Records a batch as computed inside its (not yet committed) write transaction; returns the entry
   * to pass to {@link #committed} once that transaction commits, empty if it was not recorded.
   */
  Optional<Run> appended(long firstSeq, long lastSeq, String startHash, String endHash) {
    if (lastSeq < firstSeq) {
      return Optional
          .empty(); // an empty batch moves nothing; its entry would lead walks in circles
    }
    Key key = new Key(firstSeq, startHash);
    // When full, a batch that replaces a rolled-back one is still taken: it costs nothing more.
    if (size.get() >= capacity && !runs.containsKey(key)) {
      return Optional.empty();
    }
    Run run = new Run(firstSeq, lastSeq, startHash, endHash, false);
    if (runs.put(key, run) == null) {
      size.incrementAndGet();
    }
    return Optional.of(run);
  }

  /** Marks {@code run} committed, unless a later batch replaced it or it was forgotten. */
  void committed(Run run) {
    runs.replace(
        new Key(run.firstSeq(), run.startHash()),
        run,
        new Run(run.firstSeq(), run.lastSeq(), run.startHash(), run.endHash(), true));
  }

  /**
   * The longest run of recorded batches that follow each other from event {@code firstSeq} (after
   * chain hash {@code startHash}) and end at or before {@code maxLastSeq}, joined into one; empty
   * when no recorded batch starts there.
   *
   * <p>The joined run is {@code committed} when its last batch is: that batch was chained onto the
   * ones before it inside its own transaction, so they were written in it or committed before it.
   * Otherwise any of them may have been rolled back.
   */
  Optional<Run> walk(long firstSeq, String startHash, long maxLastSeq) {
    long next = firstSeq;
    String hash = startHash;
    boolean committed = false;
    while (true) {
      Run r = runs.get(new Key(next, hash));
      if (r == null || r.lastSeq() > maxLastSeq) {
        break;
      }
      next = r.lastSeq() + 1;
      hash = r.endHash();
      committed = r.committed();
    }
    return next == firstSeq
        ? Optional.empty()
        : Optional.of(new Run(firstSeq, next - 1, startHash, hash, committed));
  }

  /**
   * Forgets the batches that start at or before {@code seq}: they are sealed (or never will be).
   */
  void forgetThrough(long seq) {
    Map.Entry<Key, Run> first;
    while ((first = runs.firstEntry()) != null && first.getKey().firstSeq() <= seq) {
      if (runs.remove(first.getKey(), first.getValue())) {
        size.decrementAndGet();
      }
    }
  }

  /** How many batches are recorded (for tests). */
  int size() {
    return size.get();
  }
}
