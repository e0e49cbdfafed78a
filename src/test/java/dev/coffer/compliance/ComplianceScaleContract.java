package dev.coffer.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.testing.Backend;
import dev.coffer.testing.BulkSecrets;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Evaluation rounds and the recorder sweep over more secrets than one page ({@link
 * ComplianceEngine#CHUNK}) and one multi-row statement hold: every secret is evaluated by every
 * rule and recorded exactly once, with the verdicts the rule functions give one secret at a time.
 */
abstract class ComplianceScaleContract {
  // Crosses the page boundaries at 1,000 and 2,000, and ends with a part page (345) that is not a
  // multiple of a multi-row statement's 128 rows.
  static final int SECRETS = 2 * ComplianceEngine.CHUNK + 345;
  static final String REGION = "us-east-1";

  MutableClock clock;
  TestServer server;
  ComplianceEngine engine;

  abstract Backend backend();

  @BeforeEach
  void start() throws Exception {
    clock = MutableClock.startingNow();
    server = TestServer.start(backend(), clock);
    Instant now = clock.instant();
    server.restart(c -> BulkSecrets.insert(c, REGION, SECRETS, now));
    engine = server.server().compliance();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void putAllRules() {
    for (ManagedRule rule : ManagedRule.values()) {
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
    }
  }

  /** Each rule's result for each secret, as the rule functions decide one secret at a time. */
  private Map<String, ComplianceType> expected(Instant at) {
    Map<String, ComplianceType> out = new HashMap<>();
    KeyDirectory noKeys = (account, region, keyId) -> Optional.empty();
    for (SecretState s : engine.secrets(TestServer.ACCOUNT, REGION)) {
      for (ManagedRule rule : ManagedRule.values()) {
        out.put(
            rule.defaultName() + " " + s.arn(),
            ManagedRules.evaluate(rule, Map.of(), s, at, noKeys).type());
      }
    }
    return out;
  }

  private Map<String, ComplianceType> actual() {
    Map<String, ComplianceType> out = new HashMap<>();
    for (EvaluationResult r : engine.currentEvaluations(EvaluationFilter.all())) {
      out.put(r.configRuleName() + " " + r.resourceId(), r.complianceType());
    }
    return out;
  }

  @Test
  void putRule_moreSecretsThanOnePage_everySecretEvaluatedAsTheRuleFunctionsDecide() {
    java.util.logging.Logger log =
        java.util.logging.Logger.getLogger(ComplianceEngine.class.getName());
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            lines.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    // The test JVM's logging configuration is not Coffer's (which shows dev.coffer at INFO).
    java.util.logging.Level level = log.getLevel();
    log.setLevel(java.util.logging.Level.INFO);
    log.addHandler(capture);
    try {
      putAllRules();
    } finally {
      log.removeHandler(capture);
      log.setLevel(level);
    }
    // Each round over more than one page says what it did.
    assertThat(lines)
        .filteredOn(
            l -> l.startsWith("evaluated 1 rule(s) of " + TestServer.ACCOUNT + " " + REGION))
        .hasSize(5)
        .allMatch(l -> l.contains(" over " + SECRETS + " secrets in "));

    Map<String, ComplianceType> actual = actual();
    assertThat(actual).hasSize(5 * SECRETS);
    assertThat(actual).isEqualTo(expected(clock.instant()));
    long rotating =
        java.util.stream.IntStream.range(0, SECRETS).filter(BulkSecrets::rotating).count();
    assertThat(
            actual.entrySet().stream()
                .filter(e -> e.getKey().startsWith("secretsmanager-rotation-enabled-check "))
                .filter(e -> e.getValue() == ComplianceType.COMPLIANT)
                .count())
        .isEqualTo(rotating);
  }

  @Test
  void startEvaluation_allRulesLater_sameVerdictsAndOnlyChangesInHistory() throws Exception {
    putAllRules();
    long history = BulkSecrets.count(server, "config_evaluation_history");
    assertThat(history).isEqualTo(5L * SECRETS);

    // 45 more days: secrets read 46 or more days ago... and never rotated ones drift; whatever
    // changes, the engine must agree with the rule functions for every secret, and the history
    // must grow by exactly the number of changed compliance types.
    Map<String, ComplianceType> before = actual();
    clock.advance(Duration.ofDays(45));
    engine.startEvaluation(
        TestServer.ACCOUNT,
        REGION,
        Arrays.stream(ManagedRule.values()).map(ManagedRule::defaultName).toList());

    Map<String, ComplianceType> after = actual();
    assertThat(after).isEqualTo(expected(clock.instant()));
    long changed =
        after.entrySet().stream().filter(e -> before.get(e.getKey()) != e.getValue()).count();
    assertThat(changed).isPositive();
    assertThat(BulkSecrets.count(server, "config_evaluation_history")).isEqualTo(history + changed);
  }

  @Test
  void sweep_moreSecretsThanOnePage_recordsEverySecretOnceAndRunsChangeTriggeredRules()
      throws Exception {
    engine.putRule(
        TestServer.ACCOUNT,
        REGION,
        new PutRuleRequest(
            ManagedRule.USING_CMK.defaultName(),
            Optional.empty(),
            "AWS",
            ManagedRule.USING_CMK.identifier(),
            Optional.empty(),
            Optional.empty(),
            RuleScope.all()));

    assertThat(engine.sweep()).isEqualTo(SECRETS);
    assertThat(BulkSecrets.count(server, "config_item_heads")).isEqualTo(SECRETS);
    assertThat(BulkSecrets.count(server, "config_items")).isEqualTo(SECRETS);
    assertThat(engine.sweep()).isZero();
    assertThat(BulkSecrets.count(server, "config_items")).isEqualTo(SECRETS);
    assertThat(
            engine.currentEvaluations(
                EvaluationFilter.all().withRule(ManagedRule.USING_CMK.defaultName())))
        .hasSize(SECRETS)
        .allMatch(r -> r.complianceType() == ComplianceType.NON_COMPLIANT);
  }

  /**
   * The node's hourly sweep and another one (StartConfigRulesEvaluation on a rule, the benchmark)
   * ran at once, and on PostgreSQL both recorded the same secrets: the benchmark's sweep counted
   * 23,500 of 100,000, with 123,515 items in all.
   */
  @Test
  void sweep_twoAtOnce_recordEverySecretExactlyOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> sweeps = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        sweeps.add(
            pool.submit(() -> {
              go.await();
              return engine.sweep();
            }));
      }
      go.countDown();
      int recorded = 0;
      for (Future<Integer> f : sweeps) {
        recorded += f.get();
      }
      assertThat(recorded).isEqualTo(SECRETS);
      assertThat(BulkSecrets.count(server, "config_items")).isEqualTo(SECRETS);
      assertThat(BulkSecrets.count(server, "config_item_heads")).isEqualTo(SECRETS);
    } finally {
      pool.shutdownNow();
    }
  }
}
