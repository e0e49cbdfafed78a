package dev.coffer.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One writer thread that commits queued events in batches: it takes everything waiting, writes it
 * in one transaction (one fsync), completes every waiter, and repeats. While a batch commits, the
 * next one gathers, so the batch size follows the load without any timer.
 */
final class GroupCommitter implements AutoCloseable {
  private static final int MAX_BATCH = 1024;

  private record Pending(List<AuditEvent> events, CompletableFuture<Void> done) {}

  private static final Pending STOP = new Pending(List.of(), new CompletableFuture<>());
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Consumer<List<AuditEvent>> writer;
  private final Thread thread;
  private volatile boolean closed;

  GroupCommitter(Consumer<List<AuditEvent>> writer) {
    this.writer = writer;
    this.thread = Thread.ofPlatform().name("coffer-audit-commit").daemon(true).start(this::run);
  }

  CompletableFuture<Void> submit(List<AuditEvent> events) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("the audit log is closed"));
      return done;
    }
    queue.add(new Pending(List.copyOf(events), done));
    return done;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only close() stops this thread, through STOP
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      stopping = batch.remove(STOP);
      if (batch.isEmpty()) {
        continue;
      }
      List<AuditEvent> events = new ArrayList<>();
      batch.forEach(p -> events.addAll(p.events()));
      try {
        writer.accept(events);
        batch.forEach(p -> p.done().complete(null));
      } catch (RuntimeException | Error e) {
        batch.forEach(p -> p.done().completeExceptionally(e));
      }
      batch.clear();
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new IllegalStateException("the audit log is closed"));
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
