package dev.coffer.audit;

import dev.coffer.core.audit.StoredAuditEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A copy of committed events for log shippers: one CloudTrail record per line, appended to a file
 * or standard output after the events commit. The database stays the record of truth; a sink that
 * fails is logged and does not fail requests.
 */
final class AuditSink implements Consumer<List<StoredAuditEvent>>, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AuditSink.class.getName());
  private final Optional<OutputStream> out;
  private final boolean ownsStream;

  private AuditSink(Optional<OutputStream> out, boolean ownsStream) {
    this.out = out;
    this.ownsStream = ownsStream;
  }

  /** {@code stdout}, a file path, or nothing. */
  static AuditSink of(Optional<String> target) {
    if (target.isEmpty()) {
      return new AuditSink(Optional.empty(), false);
    }
    if (target.get().equals("stdout")) {
      PrintStream stdout = System.out;
      return new AuditSink(Optional.of(stdout), false);
    }
    Path file = Path.of(target.get());
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      return new AuditSink(
          Optional.of(
              Files.newOutputStream(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND,
                  StandardOpenOption.WRITE)),
          true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the audit sink file " + file, e);
    }
  }

  @Override
  public synchronized void accept(List<StoredAuditEvent> rows) {
    if (out.isEmpty()) {
      return;
    }
    try {
      StringBuilder lines = new StringBuilder();
      for (StoredAuditEvent r : rows) {
        lines.append(r.body()).append('\n');
      }
      out.get().write(lines.toString().getBytes(StandardCharsets.UTF_8));
      out.get().flush();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "the audit sink could not be written; events are in the database", e);
    }
  }

  @Override
  public synchronized void close() {
    if (ownsStream && out.isPresent()) {
      try {
        out.get().close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing the audit sink failed", e);
      }
    }
  }
}
