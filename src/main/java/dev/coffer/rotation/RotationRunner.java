package dev.coffer.rotation;

import dev.coffer.rotation.builtin.BuiltinRotators;
import dev.coffer.secrets.RotationJob;
import dev.coffer.secrets.RotationLauncher;
import dev.coffer.secrets.RotationOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Runs rotations in the background, one virtual thread per run: the steps of a {@link RotationJob}
 * in order, with the same ClientRequestToken, stopping at the first that fails ("Secrets Manager
 * invokes the steps in order", user guide, "How rotation works"). At most one run per secret is
 * under way at a time on this server; a request for another version of a secret that is being
 * rotated waits for the current run, and a retry of the running version is run again only if the
 * current run does not succeed.
 *
 * <p>While a run is under way it renews its lease in the store before each step and every {@link
 * #HEARTBEAT} during a step (one row update), so that a rotation that takes longer than the lease
 * is not taken over by another node; if another node holds the run after all (this node was cut off
 * from the database for longer than the lease), the run stops and records nothing.
 */
public final class RotationRunner implements RotationLauncher, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RotationRunner.class.getName());
  static final List<String> ROTATE_STEPS =
      List.of("createSecret", "setSecret", "testSecret", "finishSecret");
  static final List<String> TEST_STEPS = List.of("testSecret");
  static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(1);

  private final LambdaInvoker invoker;
  private final Optional<BuiltinRotators> builtins;
  private final RotationCallbacks secrets;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  // Runs under way, by secret ARN; guarded by this.
  private final Map<String, Run> runs = new HashMap<>();
  private boolean closed;

  public RotationRunner(RotationSettings settings, RotationCallbacks secrets) {
    this(settings, secrets, Optional.empty());
  }

  /** A runner that also serves the built-in rotation functions. */
  public RotationRunner(
      RotationSettings settings, RotationCallbacks secrets, Optional<BuiltinRotators> builtins) {
    this.invoker = new LambdaInvoker(settings);
    this.builtins = builtins;
    this.secrets = secrets;
  }

  /** One run and what is waiting for it. */
  private static final class Run {
    final RotationJob job;
    volatile boolean cancelled;
    volatile boolean leaseLost;
    volatile @Nullable CompletableFuture<?> call;
    // What to run once this run ends; guarded by the runner.
    @Nullable RotationJob next;
    boolean again;

    Run(RotationJob job) {
      this.job = job;
    }
  }

  @Override
  public boolean canInvoke(String functionArn) {
    return builtins.filter(b -> b.handles(functionArn)).isPresent()
        || invoker.canInvoke(functionArn);
  }

  @Override
  public synchronized void launch(RotationJob job) {
    if (closed) {
      return;
    }
    Run current = runs.get(job.secretArn());
    if (current == null) {
      start(job);
    } else if (current.job.token().equals(job.token())) {
      current.again = true;
    } else {
      current.next = job;
    }
  }

  @Override
  public synchronized void cancel(String secretArn) {
    Run run = runs.get(secretArn);
    if (run != null) {
      run.cancelled = true;
      run.next = null;
      run.again = false;
      CompletableFuture<?> call = run.call;
      if (call != null) {
        call.cancel(true);
      }
    }
  }

  private void start(RotationJob job) {
    Run run = new Run(job);
    runs.put(job.secretArn(), run);
    threads.execute(() -> execute(run));
  }

  private void execute(Run run) {
    RotationOutcome outcome = RotationOutcome.cancelled();
    try {
      outcome = steps(run);
      if (!isClosed() && !run.leaseLost) {
        secrets.record(run.job, outcome);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "recording the rotation of " + run.job.secretArn() + " failed", e);
    } finally {
      finished(run, outcome);
    }
  }

  private RotationOutcome steps(Run run) {
    String rotationToken = UUID.randomUUID().toString();
    List<String> steps = run.job.mode() == RotationJob.Mode.ROTATE ? ROTATE_STEPS : TEST_STEPS;
    if (!canInvoke(run.job.functionArn())) {
      // The configuration changed since the rotation was set up (or the scheduler resumed it).
      return RotationOutcome.failed(
          steps.get(0), "no rotation function endpoint matches " + run.job.functionArn());
    }
    for (String step : steps) {
      if (run.cancelled || isClosed() || !secrets.isActive(run.job)) {
        return RotationOutcome.cancelled();
      }
      if (!secrets.renewLease(run.job)) {
        run.leaseLost = true;
        return RotationOutcome.cancelled();
      }
      CompletableFuture<Optional<String>> call =
          builtins
              .filter(b -> b.handles(run.job.functionArn()))
              .map(b -> b.invoke(run.job, step))
              .orElseGet(() -> invoker.invoke(run.job, step, rotationToken));
      run.call = call;
      if (run.cancelled) {
        call.cancel(true);
      }
      Optional<String> failure;
      try {
        failure = awaitStep(run, call);
      } catch (CancellationException e) {
        return RotationOutcome.cancelled();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        call.cancel(true);
        return RotationOutcome.cancelled();
      } catch (ExecutionException e) {
        failure = Optional.of("invoking the function failed");
      } finally {
        run.call = null;
      }
      if (run.cancelled) {
        return RotationOutcome.cancelled();
      }
      secrets.stepFinished(run.job, step, failure);
      if (failure.isPresent()) {
        return RotationOutcome.failed(step, failure.get());
      }
    }
    return RotationOutcome.succeeded();
  }

  /** Waits for one step, renewing the run's lease every {@link #HEARTBEAT} meanwhile. */
  private Optional<String> awaitStep(Run run, CompletableFuture<Optional<String>> call)
      throws InterruptedException, ExecutionException {
    while (true) {
      try {
        return call.get(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!run.cancelled && !secrets.renewLease(run.job)) {
          run.leaseLost = true;
          call.cancel(true);
          throw new CancellationException("another node holds the run");
        }
      }
    }
  }

  private synchronized void finished(Run run, RotationOutcome outcome) {
    runs.remove(run.job.secretArn());
    if (closed) {
      return;
    }
    if (run.next != null) {
      start(run.next);
    } else if (run.again && outcome.status() != RotationOutcome.Status.SUCCEEDED) {
      start(run.job);
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Abandons the runs under way (they are left as RUNNING) and waits briefly for the threads. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      for (Run run : runs.values()) {
        run.cancelled = true;
        CompletableFuture<?> call = run.call;
        if (call != null) {
          call.cancel(true);
        }
      }
    }
    threads.shutdown();
    builtins.ifPresent(BuiltinRotators::close);
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
