package dev.coffer.core;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Ends waits that last too long without a timer per wait.
 *
 * <p>A virtual thread that parks with a timeout has the JDK schedule a task on the virtual-thread
 * scheduler's delay queue and cancel it when the thread is woken; scheduling and cancelling each
 * wake that queue's own platform thread when it was idle. Every audited read waited that way for
 * its event to become durable, and under load those wake-ups were 1.5 context switches a request,
 * half of all the server's switches, each preempting a carrier thread (README, "What a durable read
 * costs"). So such waits park without a timeout and register here instead: one daemon thread looks
 * at the registered waits a few times a second and expires those past their deadline. Expiry is
 * late by at most {@link #TICK}.
 */
public final class Deadlines {
  /** How often the watchdog looks at the registered waits. */
  static final Duration TICK = Duration.ofMillis(20);

  /** A wait that can be ended from outside. Both methods may be called from any thread. */
  public interface Wait {
    /** Whether the wait is over (done, failed or expired); the watchdog then forgets it. */
    boolean over();

    /** Ends the wait with a timeout failure, unless it is over already. */
    void expire();
  }

  private record Entry(long deadlineNanos, Wait target) {}

  private static final Logger LOG = Logger.getLogger(Deadlines.class.getName());
  private static final Deadlines SHARED = new Deadlines();

  private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
  private volatile boolean idle;
  private volatile @Nullable Thread watchdog;

  private Deadlines() {}

  /** The process's watchdog. */
  public static Deadlines shared() {
    return SHARED;
  }

  /** Has {@code wait} expired if it is not over within {@code timeout} from now. */
  public void watch(Duration timeout, Wait wait) {
    entries.add(new Entry(System.nanoTime() + timeout.toNanos(), wait));
    Thread t = watchdog;
    if (t == null) {
      t = start();
    }
    // Under load the queue is never empty, the watchdog never idles and nobody unparks it.
    if (idle) {
      LockSupport.unpark(t);
    }
  }

  /**
   * Has {@code future} completed with a {@link TimeoutException} if it is not done within {@code
   * timeout} from now.
   */
  public void watch(Duration timeout, CompletableFuture<?> future) {
    watch(
        timeout,
        new Wait() {
          @Override
          public boolean over() {
            return future.isDone();
          }

          @Override
          public void expire() {
            future.completeExceptionally(new TimeoutException("not done within " + timeout));
          }
        });
  }

  /** Waits registered and not yet seen over or expired (for tests). */
  int watched() {
    return entries.size();
  }

  private synchronized Thread start() {
    Thread t = watchdog;
    if (t == null) {
      t = Thread.ofPlatform().name("coffer-deadlines").daemon(true).start(this::loop);
      watchdog = t;
    }
    return t;
  }

  private void loop() {
    while (true) {
      if (entries.isEmpty()) {
        idle = true;
        // Re-checked after announcing idleness: a wait added in between either is seen here or
        // sees idle and unparks this thread.
        if (entries.isEmpty()) {
          LockSupport.park(this);
        }
        idle = false;
        continue;
      }
      scan(System.nanoTime());
      LockSupport.parkNanos(this, TICK.toNanos());
    }
  }

  private void scan(long now) {
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.target().over()) {
        it.remove();
      } else if (now - e.deadlineNanos() >= 0) {
        it.remove();
        try {
          e.target().expire();
        } catch (RuntimeException | Error failure) {
          // The watchdog must outlive one bad wait: the others still need it.
          LOG.log(Level.SEVERE, "expiring a wait failed", failure);
        }
      }
    }
  }
}
