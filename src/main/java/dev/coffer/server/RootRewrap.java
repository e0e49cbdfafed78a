package dev.coffer.server;

import dev.coffer.audit.AuditTrail;
import dev.coffer.crypto.SigningKeyVault;
import dev.coffer.kms.Kms;
import dev.coffer.store.Store;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After rotate-root: re-wraps every KMS key material version, then the audit signing keys, under
 * the new root generation, {@link #BATCH} rows per transaction, on one background thread, while the
 * server keeps serving (older generations stay readable until the last row is re-wrapped).
 */
final class RootRewrap implements SealManager.Rewrapper, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RootRewrap.class.getName());
  static final int BATCH = 100;
  private final Kms kms;
  private final Store store;
  private final SigningKeyVault vault;
  private final AtomicBoolean running = new AtomicBoolean();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("coffer-root-rewrap").factory());

  RootRewrap(Kms kms, Store store, SigningKeyVault vault) {
    this.kms = kms;
    this.store = store;
    this.vault = vault;
  }

  @Override
  public void start() {
    if (running.compareAndSet(false, true)) {
      worker.execute(this::run);
    }
  }

  private void run() {
    try {
      long total = 0;
      int n;
      while ((n = kms.rewrapBatch(BATCH)) > 0) {
        total += n;
      }
      int left =
          AuditTrail.resealSigningKeys(store, vault)
              + NotificationWiring.resealSigningKeys(store, vault);
      LOG.info(
          "root key re-wrap finished: "
              + total
              + " key material versions re-wrapped"
              + (left > 0 ? "; " + left + " signing keys left (another node changed them)" : ""));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "root key re-wrap stopped; run coffer operator rotate-root again", e);
    } finally {
      running.set(false);
    }
  }

  @Override
  public boolean running() {
    return running.get();
  }

  @Override
  public long remaining() {
    return kms.materialsToRewrap()
        + AuditTrail.signingKeysToReseal(store, vault)
        + NotificationWiring.signingKeysToReseal(store, vault);
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
