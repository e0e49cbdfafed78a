package dev.coffer.audit;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.crypto.SigningKeyVault;
import dev.coffer.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The running audit trail: the log that writes events, the reader, the sealer that signs digests on
 * a schedule, retention, and the sink. One per server.
 */
public final class AuditTrail implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
  private final AuditLog log;
  private final AuditReader reader;
  private final Optional<DigestSealer> sealer;
  private final Optional<AuditArchiver> archiver;
  private final AuditSink sink;
  private final ScheduledExecutorService scheduler;
  private volatile @Nullable String sealProblem;

  private AuditTrail(
      AuditLog log,
      AuditReader reader,
      Optional<DigestSealer> sealer,
      Optional<AuditArchiver> archiver,
      AuditSink sink) {
    this.log = log;
    this.reader = reader;
    this.sealer = sealer;
    this.archiver = archiver;
    this.sink = sink;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("coffer-audit-seal").daemon(true).unstarted(r));
  }

  /**
   * Starts the audit trail over {@code store}.
   *
   * @param vault opens the digest signing key sealed under the root key
   * @param archiveDir where retention moves old events
   */
  public static AuditTrail start(
      Store store, Clock clock, SigningKeyVault vault, Path archiveDir, AuditSettings settings) {
    return start(store, clock, vault, archiveDir, settings, ChainWitness.forServer(settings));
  }

  /**
   * As {@link #start(Store, Clock, SigningKeyVault, Path, AuditSettings)}, sealing from {@code
   * witness}, which the server's other audit logs ({@link AuditLog#open(Store, AuditSettings,
   * ChainWitness)}) write to as well.
   */
  public static AuditTrail start(
      Store store,
      Clock clock,
      SigningKeyVault vault,
      Path archiveDir,
      AuditSettings settings,
      ChainWitness witness) {
    AuditSink sink = AuditSink.of(settings.sink());
    AuditLog log = new AuditLog(store, settings, sink, witness);
    Optional<DigestSealer> sealer =
        settings.enabled()
            ? Optional.of(
                new DigestSealer(
                    store, SigningKey.loadOrCreate(store, vault, clock.instant()), clock, witness))
            : Optional.empty();
    Optional<AuditArchiver> archiver =
        settings.retention().map(r -> new AuditArchiver(store, clock, r, archiveDir));
    AuditTrail trail = new AuditTrail(log, new AuditReader(store), sealer, archiver, sink);
    long ms = settings.sealInterval().toMillis();
    trail.scheduler.scheduleWithFixedDelay(trail::sealAndArchive, ms, ms, TimeUnit.MILLISECONDS);
    return trail;
  }

  /**
   * Re-seals the audit signing keys under the active root generation (rotate-root); returns how
   * many are still under an older one.
   */
  public static int resealSigningKeys(Store store, SigningKeyVault vault) {
    return SigningKey.reseal(store, vault);
  }

  /** How many audit signing keys an older root generation than the active one seals. */
  public static int signingKeysToReseal(Store store, SigningKeyVault vault) {
    return SigningKey.countNotCurrent(store, vault);
  }

  public AuditLog log() {
    return log;
  }

  public AuditReader reader() {
    return reader;
  }

  /** Seals every unsealed event now; returns the newest digest written, if any. */
  public Optional<AuditDigest> sealNow() {
    try {
      Optional<AuditDigest> d = sealer.flatMap(DigestSealer::sealAll);
      sealProblem = null;
      return d;
    } catch (DigestSealer.ChainBrokenException e) {
      sealProblem = "audit chain broken: " + e.getMessage();
      LOG.severe("the audit chain does not verify; nothing was sealed: " + e.getMessage());
      throw e;
    }
  }

  /** What the next digest would seal now, without sealing it (for tests). */
  Optional<DigestSealer.Span> nextSpan() {
    return sealer.flatMap(DigestSealer::nextSpan);
  }

  /** Moves events older than the retention period to the archive now; returns digests moved. */
  public int archiveNow() {
    return archiver.map(AuditArchiver::archiveDue).orElse(0);
  }

  /**
   * What is wrong with the audit trail, if anything: the store refuses events (requests are refused
   * too), the chain failed to verify when sealing, or a seal found an event changed in the store
   * after it was written.
   */
  public Optional<String> problem() {
    return log.problem()
        .or(() -> Optional.ofNullable(sealProblem))
        .or(() -> sealer.flatMap(DigestSealer::alteration));
  }

  private void sealAndArchive() {
    try {
      sealNow();
      archiveNow();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "audit sealing or archiving failed; will retry", e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.close();
    try {
      sealNow(); // a final digest, like CloudTrail's on StopLogging
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the final audit digest could not be sealed", e);
    }
    sink.close();
  }
}
