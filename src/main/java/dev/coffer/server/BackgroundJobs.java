package dev.coffer.server;

import dev.coffer.secrets.SecretLifecycle;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Periodic work that enters through the service layer as a named principal: permanent deletion of
 * secrets whose recovery window has ended and clean-up of old unlabelled versions.
 */
final class BackgroundJobs implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(BackgroundJobs.class.getName());
  private final ScheduledExecutorService executor;
  private final SecretLifecycle lifecycle;

  private BackgroundJobs(ScheduledExecutorService executor, SecretLifecycle lifecycle) {
    this.executor = executor;
    this.lifecycle = lifecycle;
  }

  /** One round of housekeeping on the caller's thread. */
  void runNow() {
    lifecycle.runHousekeeping();
  }

  static BackgroundJobs start(
      SecretLifecycle lifecycle, Runnable kmsHousekeeping, Duration interval) {
    ScheduledExecutorService ex =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "coffer-background");
          t.setDaemon(true);
          return t;
        });
    long ms = Math.max(1, interval.toMillis());
    ex.scheduleWithFixedDelay(
        () -> {
          try {
            lifecycle.runHousekeeping();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "background housekeeping failed; will retry", e);
          }
          try {
            kmsHousekeeping.run();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "KMS housekeeping failed; will retry", e);
          }
        },
        ms,
        ms,
        TimeUnit.MILLISECONDS);
    return new BackgroundJobs(ex, lifecycle);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
