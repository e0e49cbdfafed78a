package dev.coffer.rotation;

import dev.coffer.secrets.RotationJob;
import dev.coffer.secrets.RotationLauncher;
import dev.coffer.secrets.ScheduledRotations;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts rotations when their schedule says so: every {@code interval} it asks the domain which
 * secrets may be due, claims each (the claim decides, under the secret's row lock and a lease in
 * the database, so that among several nodes exactly one runs a rotation) and hands the claimed jobs
 * to the {@link RotationLauncher}. It keeps no state of its own: everything it needs (rotation
 * dates, run records, leases, retry times) is in the store, so it picks up where it left off after
 * a restart, and a run that a stopped node left unfinished is resumed once its lease expires.
 *
 * <p>Windows are at least an hour long and rotation happens "at any time during the rotation
 * window" (user guide, Rotation schedules), so the default interval of one minute starts every
 * rotation well inside its window.
 */
public final class RotationScheduler implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RotationScheduler.class.getName());
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  private final ScheduledRotations rotations;
  private final RotationLauncher launcher;
  private final ScheduledExecutorService timer;

  private RotationScheduler(
      ScheduledRotations rotations, RotationLauncher launcher, ScheduledExecutorService timer) {
    this.rotations = rotations;
    this.launcher = launcher;
    this.timer = timer;
  }

  /** Starts a scheduler that looks for due rotations every {@code interval}. */
  public static RotationScheduler start(
      ScheduledRotations rotations, RotationLauncher launcher, Duration interval) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "coffer-rotation-scheduler");
          t.setDaemon(true);
          return t;
        });
    RotationScheduler scheduler = new RotationScheduler(rotations, launcher, timer);
    long ms = Math.max(1, interval.toMillis());
    timer.scheduleWithFixedDelay(scheduler::tickQuietly, ms, ms, TimeUnit.MILLISECONDS);
    return scheduler;
  }

  /**
   * Looks for due rotations once, now, on the caller's thread, and launches those this node
   * claimed.
   *
   * @return how many rotations this call launched
   */
  public int runOnce() {
    int launched = 0;
    for (String arn : rotations.candidates()) {
      Optional<RotationJob> job = rotations.claim(arn);
      if (job.isPresent()) {
        launcher.launch(job.get());
        launched++;
      }
    }
    return launched;
  }

  private void tickQuietly() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the rotation scheduler failed; it tries again at its next tick", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
