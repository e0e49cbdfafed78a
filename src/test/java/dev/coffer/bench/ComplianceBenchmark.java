package dev.coffer.bench;

import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.EvaluationFilter;
import dev.coffer.compliance.ManagedRule;
import dev.coffer.compliance.PutRuleRequest;
import dev.coffer.compliance.RuleScope;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How long compliance takes over many secrets: 100,000 secrets (written straight into the database,
 * in a mix of states: rotation on or off, customer or default key, read or never read, tagged or
 * not), then the five managed rules put (each evaluates every secret once), a re-evaluation of all
 * five (StartConfigRulesEvaluation), and a recorder sweep. Not a test (no assertion, not run by
 * {@code ./build test}); run it with
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
      Instant now = Instant.now();
      long t0 = System.nanoTime();
      insertSecrets(server, now);
      System.out.printf("inserted %,d secrets in %.1f s%n", SECRETS, seconds(t0));
      ComplianceEngine engine = server.server().compliance();

      long total = System.nanoTime();
      for (ManagedRule rule : ManagedRule.values()) {
        long t = System.nanoTime();
        engine.putRule(
            TestServer.ACCOUNT,
            REGION,
            new PutRuleRequest(
                rule.defaultName(),
                Optional.empty(),
                "AWS",
                rule.identifier(),
                Optional.empty(),
                Optional.empty(),
                RuleScope.all()));
        System.out.printf("  first evaluation of %s: %.1f s%n", rule.defaultName(), seconds(t));
      }
      System.out.printf(
          "first evaluation, 5 rules x %,d secrets: %.1f s (%,d results)%n",
          SECRETS, seconds(total), engine.currentEvaluations(EvaluationFilter.all()).size());

      long again = System.nanoTime();
      engine.startEvaluation(
          TestServer.ACCOUNT,
          REGION,
          java.util.Arrays.stream(ManagedRule.values()).map(ManagedRule::defaultName).toList());
      System.out.printf(
          "re-evaluation (StartConfigRulesEvaluation), 5 rules x %,d secrets: %.1f s%n",
          SECRETS, seconds(again));

      long sweep = System.nanoTime();
      int recorded = engine.sweep();
      System.out.printf(
          "recorder sweep over %,d secrets: %.1f s (%,d items recorded)%n",
          SECRETS, seconds(sweep), recorded);
    }
  }

  private static double seconds(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
  }

  private static void insertSecrets(TestServer server, Instant now) throws Exception {
    try (Connection c = server.database()) {
      if (server.backend() == Backend.SQLITE) {
        try (var st = c.createStatement()) {
          // The server's own writers share the file: wait for them instead of failing.
          st.execute("PRAGMA busy_timeout = 30000");
        }
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO secrets (account_id, region, name, arn, description, kms_key_id,"
                  + " created_at, last_changed_at, last_accessed_day, rotation_enabled,"
                  + " rotation_lambda_arn, rotation_rules, last_rotated_at, next_rotation_at,"
                  + " revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
        long created = now.minus(Duration.ofDays(200)).toEpochMilli();
        for (int i = 0; i < SECRETS; i++) {
          String name = "bench/secret-" + i;
          String arn =
              "arn:aws:secretsmanager:"
                  + REGION
                  + ":"
                  + TestServer.ACCOUNT
                  + ":secret:"
                  + name
                  + "-"
                  + String.format("%06d", i % 1_000_000);
          boolean rotating = i % 3 == 0;
          ps.setString(1, TestServer.ACCOUNT);
          ps.setString(2, REGION);
          ps.setString(3, name);
          ps.setString(4, arn);
          ps.setString(5, "benchmark secret " + i);
          ps.setString(6, i % 4 == 0 ? "alias/missing-" + (i % 10) : null);
          ps.setLong(7, created);
          ps.setLong(8, created);
          if (i % 2 == 0) {
            ps.setLong(9, now.minus(Duration.ofDays(i % 180)).toEpochMilli() / 86_400_000L);
          } else {
            ps.setNull(9, java.sql.Types.BIGINT);
          }
          ps.setLong(10, rotating ? 1 : 0);
          ps.setString(11, rotating ? "arn:aws:lambda:us-east-1:123456789012:function:r" : null);
          ps.setString(12, rotating ? "{\"AutomaticallyAfterDays\":" + (1 + i % 120) + "}" : null);
          if (rotating) {
            ps.setLong(13, now.minus(Duration.ofDays(i % 150)).toEpochMilli());
            ps.setLong(14, now.plus(Duration.ofDays(1 + i % 30)).toEpochMilli());
          } else {
            ps.setNull(13, java.sql.Types.BIGINT);
            ps.setNull(14, java.sql.Types.BIGINT);
          }
          ps.addBatch();
          if (i % 5_000 == 4_999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
        c.commit();
        try (var st = c.createStatement()) {
          st.executeUpdate(
              "INSERT INTO secret_tags (secret_id, position, tag_key, tag_value)"
                  + " SELECT id, 0, 'team', 'bench' FROM secrets WHERE id % 2 = 0");
        }
        c.commit();
      }
    }
  }
}
