package dev.coffer.bench;

import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ManagedRule;
import dev.coffer.compliance.PutRuleRequest;
import dev.coffer.compliance.RuleScope;
import dev.coffer.testing.Backend;
import dev.coffer.testing.BulkSecrets;
import dev.coffer.testing.TestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * How long compliance takes over many secrets: the five managed rules put on an empty account, then
 * 100,000 secrets written straight into the database (in a mix of states, see {@link BulkSecrets}),
 * then a first evaluation of the five rules in one StartConfigRulesEvaluation, a re-evaluation with
 * nothing changed, the recorder sweep (first items, then nothing changed), and five more rules put
 * one by one (each PutConfigRule evaluates every secret). Prints wall time and CPU time (of this
 * JVM, which runs the server, and of PostgreSQL's processes): the machine is shared. Not a test (no
 * assertion, not run by {@code ./build test}); run it with
 *
 * <pre>./build -o test -Dtest=ComplianceBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * and optionally {@code -Dbench.secrets=100000 -Dbench.backend=SQLITE}.
 */
class ComplianceBenchmark {
  static final int SECRETS = Integer.getInteger("bench.secrets", 100_000);
  static final Backend BACKEND = Backend.valueOf(System.getProperty("bench.backend", "SQLITE"));
  static final String REGION = "us-east-1";

  @Test
  void evaluateManySecrets() throws Exception {
    try (TestServer server = TestServer.start(BACKEND, Clock.systemUTC())) {
      ComplianceEngine engine = server.server().compliance();
      // Claim this hour's recorder sweep now, while there is nothing to sweep, so that the node's
      // own background sweep does not run in the middle of the measurements.
      engine.runDue();
      List<String> names = new ArrayList<>();
      for (ManagedRule rule : ManagedRule.values()) {
        names.add(rule.defaultName());
        putRule(engine, rule, rule.defaultName());
      }

      Instant now = Instant.now();
      long t0 = System.nanoTime();
      // On SQLite the server's one write connection keeps a write transaction open between its
      // units of work, so nothing else can write the file while the server runs: insert with the
      // server stopped.
      server.restart(c -> BulkSecrets.insert(c, REGION, SECRETS, now));
      System.out.printf("inserted %,d secrets in %.1f s%n", SECRETS, seconds(t0));
      engine = server.server().compliance();
      Cpu cpu = new Cpu(server);

      long t = System.nanoTime();
      Cpu.Mark m = cpu.mark();
      engine.startEvaluation(TestServer.ACCOUNT, REGION, names);
      System.out.printf(
          "first evaluation of the 5 rules (one StartConfigRulesEvaluation) x %,d secrets: %.1f s"
              + " (%s; %,d results)%n",
          SECRETS, seconds(t), m.since(), BulkSecrets.count(server, "config_evaluations"));

      t = System.nanoTime();
      m = cpu.mark();
      engine.startEvaluation(TestServer.ACCOUNT, REGION, names);
      System.out.printf(
          "re-evaluation of the 5 rules, nothing changed, x %,d secrets: %.1f s (%s)%n",
          SECRETS, seconds(t), m.since());

      t = System.nanoTime();
      m = cpu.mark();
      int recorded = engine.sweep();
      System.out.printf(
          "recorder sweep, first items, over %,d secrets: %.1f s (%s; %,d items recorded, %,d"
              + " secrets with an item, %,d items in all)%n",
          SECRETS,
          seconds(t),
          m.since(),
          recorded,
          BulkSecrets.count(server, "config_item_heads"),
          BulkSecrets.count(server, "config_items"));

      t = System.nanoTime();
      m = cpu.mark();
      recorded = engine.sweep();
      System.out.printf(
          "recorder sweep, nothing changed, over %,d secrets: %.1f s (%s; %,d items recorded)%n",
          SECRETS, seconds(t), m.since(), recorded);

      long total = System.nanoTime();
      Cpu.Mark all = cpu.mark();
      for (ManagedRule rule : ManagedRule.values()) {
        t = System.nanoTime();
        m = cpu.mark();
        putRule(engine, rule, rule.defaultName() + "-2");
        System.out.printf(
            "  PutConfigRule %s-2 (first evaluation of one rule): %.1f s (%s)%n",
            rule.defaultName(), seconds(t), m.since());
      }
      System.out.printf(
          "5 PutConfigRule calls, 5 rules x %,d secrets: %.1f s (%s; %,d results in all)%n",
          SECRETS, seconds(total), all.since(), BulkSecrets.count(server, "config_evaluations"));
    }
  }

  private static void putRule(ComplianceEngine engine, ManagedRule rule, String name) {
    engine.putRule(
        TestServer.ACCOUNT,
        REGION,
        new PutRuleRequest(
            name,
            Optional.empty(),
            "AWS",
            rule.identifier(),
            Optional.empty(),
            Optional.empty(),
            RuleScope.all()));
  }

  private static double seconds(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
  }

  /**
   * CPU time of this JVM (the server and the benchmark share it) and, on PostgreSQL, of the
   * database's processes: the machine is shared, so wall time alone says little.
   */
  private static final class Cpu {
    private final OptionalLong postmaster;

    Cpu(TestServer server) throws Exception {
      OptionalLong pid = OptionalLong.empty();
      if (server.backend() == Backend.POSTGRESQL) {
        try (Connection c = server.database();
            var st = c.createStatement();
            var rs = st.executeQuery("SHOW data_directory")) {
          rs.next();
          String first =
              Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).strip();
          pid = OptionalLong.of(Long.parseLong(first));
        }
      }
      this.postmaster = pid;
    }

    Mark mark() {
      return new Mark(this, jvmNanos(), postgresNanos());
    }

    private static long jvmNanos() {
      return ((com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    /** The postmaster, its exited children, and its live children (the backends). */
    private long postgresNanos() {
      if (postmaster.isEmpty()) {
        return 0;
      }
      long pid = postmaster.getAsLong();
      long ticks = ticks(pid, true);
      try (var dirs = Files.list(Path.of("/proc"))) {
        for (Path d : (Iterable<Path>) dirs::iterator) {
          String name = d.getFileName().toString();
          if (name.chars().allMatch(Character::isDigit) && parent(d) == pid) {
            ticks += ticks(Long.parseLong(name), false);
          }
        }
      } catch (IOException e) {
        return 0;
      }
      return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    private static long parent(Path proc) {
      String[] f = stat(proc.getFileName().toString());
      return f.length > 1 ? Long.parseLong(f[1]) : -1;
    }

    private static long ticks(long pid, boolean withChildren) {
      String[] f = stat(Long.toString(pid));
      if (f.length < 15) {
        return 0;
      }
      // Fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
      long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return withChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }

    private static String[] stat(String pid) {
      try {
        String s = Files.readString(Path.of("/proc", pid, "stat"));
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
      } catch (IOException | RuntimeException e) {
        return new String[0];
      }
    }

    record Mark(Cpu cpu, long jvm, long postgres) {
      String since() {
        double j = (jvmNanos() - jvm) / 1e9;
        if (cpu.postmaster.isEmpty()) {
          return String.format("CPU %.1f s", j);
        }
        double p = (cpu.postgresNanos() - postgres) / 1e9;
        return String.format("CPU %.1f s: JVM %.1f s + PostgreSQL %.1f s", j + p, j, p);
      }
    }
  }
}
