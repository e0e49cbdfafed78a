package dev.coffer.store;

import dev.coffer.core.audit.StoredAuditEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The copy of the audit journal's events into a SQLite database, per event: as rows of {@code
 * audit_events} (before 2026-12-08) or as blocks of {@code audit_event_blocks}, {@value #BATCH}
 * events a commit (the writer's idle copies), each event about 1.2 KB as a GetSecretValue's is. One
 * thread; SQLite's automatic checkpoints run inside its commits, where the server has a thread of
 * its own for them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuditCopyBenchmark {
  static final int BATCH = 64;

  @Param({"rows", "blocks"})
  public String layout;

  private Path dir;
  private Connection connection;
  private AuditRepository audit;
  private List<StoredAuditEvent> template;
  private long seq;

  @Setup
  public void setUp() throws IOException, SQLException {
    dir = Files.createTempDirectory("coffer-copy-bench");
    String url = "jdbc:sqlite:" + dir.resolve("bench.db");
    Store.open(url, "", "").close(); // the schema
    connection = DriverManager.getConnection(url);
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA synchronous=NORMAL");
    }
    connection.setAutoCommit(false);
    audit = new Tx(connection, Dialect.SQLITE).audit();
    template = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      String arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:load/secret-" + i;
      StringBuilder body = new StringBuilder("{\"eventVersion\":\"1.11\",\"requestID\":\"");
      body.append(UUID.randomUUID()).append("\",\"resources\":[{\"ARN\":\"").append(arn);
      while (body.length() < 1100) {
        body.append("\",\"field").append(body.length()).append("\":\"").append(UUID.randomUUID());
      }
      body.append("\"}");
      template.add(
          new StoredAuditEvent(
              0,
              UUID.randomUUID().toString(),
              Instant.now(),
              "111122223333",
              "us-east-1",
              "secretsmanager.amazonaws.com",
              "GetSecretValue",
              "load-user",
              "AKIAIOSFODNN7EXAMPLE",
              List.of(arn),
              List.of("AWS::SecretsManager::Secret"),
              true,
              body.toString(),
              "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
    }
  }

  /** Each iteration starts from empty tables, so that the database does not grow without end. */
  @Setup(Level.Iteration)
  public void empty() throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.executeUpdate("DELETE FROM audit_events");
      st.executeUpdate("DELETE FROM audit_event_blocks");
    }
    connection.commit();
    connection.setAutoCommit(true);
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    connection.setAutoCommit(false);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void copy() throws SQLException {
    List<StoredAuditEvent> events = new ArrayList<>(BATCH);
    for (StoredAuditEvent t : template) {
      events.add(
          new StoredAuditEvent(
              ++seq,
              t.eventId(),
              t.eventTime(),
              t.accountId(),
              t.region(),
              t.eventSource(),
              t.eventName(),
              t.username(),
              t.accessKeyId(),
              t.resourceNames(),
              t.resourceTypes(),
              t.readOnly(),
              t.body(),
              t.chainHash()));
    }
    if (layout.equals("rows")) {
      audit.insert(events);
    } else {
      audit.insertBlocks(events);
    }
    connection.commit();
  }

  @TearDown
  public void tearDown() throws SQLException, IOException {
    connection.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
