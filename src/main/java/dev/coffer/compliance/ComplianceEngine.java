package dev.coffer.compliance;

import dev.coffer.core.error.InvalidParameterValueException;
import dev.coffer.core.error.ResourceNotDiscoveredException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Coffer's AWS Config for secrets: records a configuration item whenever a secret's configuration
 * changes, runs change-triggered rules on each change and periodic rules on their schedule, and
 * answers the questions of the Config API and of reports.
 *
 * <p>Evaluation rounds that cover many secrets (a new rule, StartConfigRulesEvaluation, a periodic
 * run, the recorder sweep) run in transactions of {@value #CHUNK} secrets each, after the request's
 * own transaction has committed, so they never hold one huge transaction.
 */
public final class ComplianceEngine implements ComplianceQueries {
  private static final Logger LOG = Logger.getLogger(ComplianceEngine.class.getName());
  static final int CHUNK = 1000;

  /** The job that re-captures every secret's state, catching changes that time alone makes. */
  static final String RECORDER_JOB = "configuration-recorder";

  private final ComplianceStore store;
  private final SecretInventory inventory;
  private final Clock clock;
  private final Evaluator evaluator;
  private final RuleBook book;
  private final Duration sweepPeriod;
  private final int chunk;
  private final java.util.concurrent.locks.ReentrantLock sweeping =
      new java.util.concurrent.locks.ReentrantLock();

  /**
   * @param sweepPeriod how often every secret's configuration item is re-captured (so that
   *     RotationOccurringAsScheduled turning false, which no API call causes, is recorded)
   */
  public ComplianceEngine(
      ComplianceStore store,
      SecretInventory inventory,
      KeyDirectory keys,
      Clock clock,
      Duration sweepPeriod) {
    this(store, inventory, keys, clock, sweepPeriod, CHUNK);
  }

  /**
   * @param chunk how many secrets each transaction of a round covers ({@value #CHUNK} in service;
   *     tests use small ones to cross page boundaries with few secrets)
   */
  ComplianceEngine(
      ComplianceStore store,
      SecretInventory inventory,
      KeyDirectory keys,
      Clock clock,
      Duration sweepPeriod,
      int chunk) {
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be positive");
    }
    this.chunk = chunk;
    this.store = store;
    this.inventory = inventory;
    this.clock = clock;
    this.evaluator = new Evaluator(store, keys);
    this.book = new RuleBook(store);
    this.sweepPeriod = sweepPeriod;
  }

  /** Adds a listener told of every compliance change (see {@link ComplianceListener}). */
  public void addListener(ComplianceListener listener) {
    evaluator.addListener(listener);
  }

  public Clock clock() {
    return clock;
  }

  // ---- the configuration recorder ----

  /**
   * Records the secret's state if its configuration changed, and runs the change-triggered rules
   * for it. Runs in (or joins) the write transaction that changed the secret.
   */
  public void secretChanged(SecretState s) {
    store.write(() -> {
      record(s, clock.instant(), new HashMap<>());
      return Boolean.TRUE;
    });
  }

  /** Records that the secret is gone; its results become NOT_APPLICABLE. */
  public void secretRemoved(SecretState last) {
    store.write(() -> {
      Instant now = clock.instant();
      Optional<ConfigurationItem> previous = store.latestItem(last.arn());
      if (previous.filter(p -> p.status().equals(ConfigurationItem.RESOURCE_DELETED)).isPresent()) {
        return Boolean.FALSE;
      }
      store.addItem(ConfigurationItem.of(last, ConfigurationItem.RESOURCE_DELETED, now));
      evaluator.removed(
          store.rules(Optional.of(last.accountId()), Optional.of(last.region())),
          last.arn(),
          last.name(),
          now);
      return Boolean.TRUE;
    });
  }

  /** Records {@code s} if it differs from its latest item; returns whether it did. */
  private boolean record(SecretState s, Instant now, Map<String, List<ConfigRule>> rulesCache) {
    Optional<ConfigurationItem> previous = store.latestItem(s.arn());
    return record(s, previous, now, rulesCache, evaluator.cached());
  }

  private boolean record(
      SecretState s,
      Optional<ConfigurationItem> previous,
      Instant now,
      Map<String, List<ConfigRule>> rulesCache,
      KeyDirectory keys) {
    Optional<ConfigurationItem> item = changedItem(s, previous, now);
    if (item.isEmpty()) {
      return false;
    }
    store.addItem(item.get());
    List<ConfigRule> triggered =
        rulesOf(s.accountId(), s.region(), rulesCache).stream()
            .filter(r -> trigger(r) == RuleTrigger.CONFIGURATION_CHANGES)
            .toList();
    evaluator.evaluate(triggered, List.of(s), now, now, keys);
    return true;
  }

  /** The item to record for {@code s}, unless its configuration equals {@code previous}. */
  private static Optional<ConfigurationItem> changedItem(
      SecretState s, Optional<ConfigurationItem> previous, Instant now) {
    boolean fresh =
        previous.isEmpty() || previous.get().status().equals(ConfigurationItem.RESOURCE_DELETED);
    ConfigurationItem item =
        ConfigurationItem.of(s, fresh ? ConfigurationItem.DISCOVERED : ConfigurationItem.OK, now);
    if (previous.isPresent() && previous.get().sameConfiguration(item)) {
      return Optional.empty();
    }
    return Optional.of(item);
  }

  private List<ConfigRule> rulesOf(
      String accountId, String region, Map<String, List<ConfigRule>> cache) {
    return cache.computeIfAbsent(
        accountId + "\n" + region, k -> store.rules(Optional.of(accountId), Optional.of(region)));
  }

  /**
   * Re-captures every secret's state and records those whose configuration changed since their
   * latest item. Sweeps on one node run one at a time: a second caller waits for the running sweep
   * and then finds little left to record.
   *
   * @return how many items were recorded
   */
  public int sweep() {
    sweeping.lock();
    try {
      return sweepPages();
    } finally {
      sweeping.unlock();
    }
  }

  private int sweepPages() {
    Instant now = clock.instant();
    KeyDirectory keys = evaluator.cached();
    int recorded = 0;
    long started = System.nanoTime();
    long secrets = 0;
    long[] after = {0};
    while (true) {
      // The page is read inside the write transaction, so what is recorded is the state that
      // holds when it commits, with no change slipping in between the read and the write.
      int[] seen = {0};
      recorded +=
          store.write(() -> {
            SecretInventory.Page page =
                inventory.page(Optional.empty(), Optional.empty(), after[0], chunk);
            seen[0] = page.secrets().size();
            after[0] = page.next();
            // Rules are read again for each page: one deleted meanwhile gets no more results.
            return recordAll(page.secrets(), now, new HashMap<>(), keys);
          });
      secrets += seen[0];
      if (seen[0] < chunk) {
        progress("configuration recorder swept", secrets, recorded + " items recorded", started);
        return recorded;
      }
    }
  }

  /**
   * Records the secrets whose configuration differs from their latest item, with a few statements
   * for the whole list, and runs the change-triggered rules over those that changed.
   */
  private int recordAll(
      List<SecretState> secrets,
      Instant now,
      Map<String, List<ConfigRule>> rulesCache,
      KeyDirectory keys) {
    if (secrets.isEmpty()) {
      return 0;
    }
    Map<String, ConfigurationItem> latest =
        store.latestItems(secrets.stream().map(SecretState::arn).toList());
    List<ConfigurationItem> items = new ArrayList<>();
    Map<String, List<SecretState>> changedByScope = new LinkedHashMap<>();
    for (SecretState s : secrets) {
      Optional<ConfigurationItem> item =
          changedItem(s, Optional.ofNullable(latest.get(s.arn())), now);
      if (item.isPresent()) {
        items.add(item.get());
        changedByScope
            .computeIfAbsent(s.accountId() + "\n" + s.region(), k -> new ArrayList<>())
            .add(s);
      }
    }
    store.addItems(items);
    for (List<SecretState> changed : changedByScope.values()) {
      SecretState first = changed.get(0);
      List<ConfigRule> triggered =
          rulesOf(first.accountId(), first.region(), rulesCache).stream()
              .filter(r -> trigger(r) == RuleTrigger.CONFIGURATION_CHANGES)
              .toList();
      evaluator.evaluate(triggered, changed, now, now, keys);
    }
    return items.size();
  }

  // ---- rules ----

  /** PutConfigRule: creates or updates a rule and evaluates it once the change has committed. */
  public ConfigRule putRule(String accountId, String region, PutRuleRequest req) {
    Instant now = clock.instant();
    ConfigRule rule =
        store.write(() -> {
          ConfigRule r = book.build(accountId, region, req, now);
          store.saveRule(r);
          if (trigger(r) == RuleTrigger.PERIODIC) {
            store.scheduleRun(r.arn(), now.plus(ExecutionFrequency.of(r)));
          }
          return r;
        });
    store.afterCommit(() -> evaluateNow(List.of(rule), now));
    return rule;
  }

  /** DescribeConfigRules: the named rules, or all of the account and region. */
  public List<ConfigRule> describeRules(String accountId, String region, List<String> names) {
    return store.read(() -> book.find(accountId, region, names));
  }

  /** DeleteConfigRule: the rule and its results. */
  public void deleteRule(String accountId, String region, String name) {
    boolean deleted = store.write(() -> store.deleteRule(accountId, region, name));
    if (!deleted) {
      throw RuleBook.noSuchRule(name);
    }
  }

  /**
   * StartConfigRulesEvaluation: evaluates the named rules against every secret in their scope once
   * the request has committed (before the call returns, so the results are there when it does).
   */
  public void startEvaluation(String accountId, String region, List<String> names) {
    if (names.isEmpty() || names.size() > 25) {
      throw new InvalidParameterValueException(
          "The ConfigRuleNames must contain 1 to 25 rule names.");
    }
    List<ConfigRule> rules = describeRules(accountId, region, names);
    Instant now = clock.instant();
    store.afterCommit(() -> evaluateNow(rules, now));
  }

  /**
   * Runs the periodic rules that are due and the recorder sweep when it is due; each round is
   * claimed first, so that of several nodes sharing a database only one runs it.
   *
   * @return how many rounds this node ran
   */
  public int runDue() {
    Instant now = clock.instant();
    int ran = 0;
    // Due rules of one account and region share one pass over its secrets.
    Map<String, List<ConfigRule>> due = new LinkedHashMap<>();
    for (ConfigRule rule : store.read(() -> store.rules(Optional.empty(), Optional.empty()))) {
      if (trigger(rule) == RuleTrigger.PERIODIC
          && claim(rule.arn(), now, ExecutionFrequency.of(rule))) {
        due.computeIfAbsent(rule.accountId() + "\n" + rule.region(), k -> new ArrayList<>())
            .add(rule);
        ran++;
      }
    }
    due.values().forEach(rules -> evaluateNow(rules, now));
    if (claim(RECORDER_JOB, now, sweepPeriod)) {
      int n = sweep();
      LOG.fine(() -> "configuration recorder sweep recorded " + n + " items");
      ran++;
    }
    return ran;
  }

  private boolean claim(String job, Instant now, Duration period) {
    return store.write(() -> {
      Optional<Instant> next = store.nextRun(job);
      if (next.isPresent() && next.get().isAfter(now)) {
        return false;
      }
      return store.claimRun(job, next, now.plus(period));
    });
  }

  /**
   * Evaluates {@code rules} (all of one account and region) against every secret of their account
   * and region: one pass over the secrets, each page of {@link #chunk} secrets read, evaluated by
   * every rule and written in one transaction of a few statements.
   */
  void evaluateNow(List<ConfigRule> rules, Instant trigger) {
    if (rules.isEmpty()) {
      return;
    }
    String accountId = rules.get(0).accountId();
    String region = rules.get(0).region();
    KeyDirectory keys = evaluator.cached();
    Instant invoked = clock.instant();
    long started = System.nanoTime();
    long[] after = {0};
    long secrets = 0;
    long changed = 0;
    while (true) {
      int[] seen = {0};
      changed +=
          store.write(() -> {
            // A rule may have been deleted or replaced while the round ran.
            Map<String, ConfigRule> current = new HashMap<>();
            for (ConfigRule r : store.rules(Optional.of(accountId), Optional.of(region))) {
              current.put(r.arn(), r);
            }
            List<ConfigRule> live =
                rules.stream().map(r -> current.get(r.arn())).filter(Objects::nonNull).toList();
            if (live.isEmpty()) {
              return 0;
            }
            SecretInventory.Page page =
                inventory.page(Optional.of(accountId), Optional.of(region), after[0], chunk);
            seen[0] = page.secrets().size();
            after[0] = page.next();
            return evaluator.evaluate(live, page.secrets(), trigger, invoked, keys);
          });
      secrets += seen[0];
      if (seen[0] < chunk) {
        progress(
            "evaluated " + rules.size() + " rule(s) of " + accountId + " " + region,
            secrets,
            changed + " compliance changes",
            started);
        return;
      }
    }
  }

  /** Says what a round that spanned more than one page did, for operators watching big stores. */
  private void progress(String what, long secrets, String outcome, long startedNanos) {
    if (secrets > chunk) {
      long ms = (System.nanoTime() - startedNanos) / 1_000_000;
      LOG.info(() -> what + " over " + secrets + " secrets in " + ms + " ms: " + outcome);
    }
  }

  private static RuleTrigger trigger(ConfigRule rule) {
    return ManagedRule.byIdentifier(rule.sourceIdentifier())
        .map(ManagedRule::trigger)
        .orElse(RuleTrigger.CONFIGURATION_CHANGES);
  }

  // ---- questions ----

  /** The roll-up of one rule over its current results. */
  public RuleCompliance compliance(ConfigRule rule) {
    return store.read(() -> {
      EvaluationFilter f =
          EvaluationFilter.all()
              .withAccount(rule.accountId())
              .withRegion(rule.region())
              .withRule(rule.name());
      long non =
          store
              .currentEvaluations(
                  f, Set.of(ComplianceType.NON_COMPLIANT), 0, RuleCompliance.CAP + 1)
              .size();
      long ok = store.currentEvaluations(f, Set.of(ComplianceType.COMPLIANT), 0, 1).size();
      return RuleCompliance.of(non, ok);
    });
  }

  /**
   * The roll-up of each resource of an account and region across the rules that evaluate it (or of
   * one resource), ordered by resource id.
   */
  public Map<String, RuleCompliance> complianceByResource(
      String accountId, String region, Optional<String> resourceId) {
    EvaluationFilter f = EvaluationFilter.all().withAccount(accountId).withRegion(region);
    if (resourceId.isPresent()) {
      f = f.withResource(resourceId.get());
    }
    List<EvaluationResult> all = currentEvaluations(f);
    Map<String, long[]> counts = new java.util.TreeMap<>();
    for (EvaluationResult r : all) {
      long[] c = counts.computeIfAbsent(r.resourceId(), k -> new long[2]);
      if (r.complianceType() == ComplianceType.NON_COMPLIANT) {
        c[0]++;
      } else if (r.complianceType() == ComplianceType.COMPLIANT) {
        c[1]++;
      }
    }
    Map<String, RuleCompliance> out = new LinkedHashMap<>();
    counts.forEach((id, c) -> out.put(id, RuleCompliance.of(c[0], c[1])));
    return out;
  }

  /** A page of current results passing {@code filter} with one of {@code types}. */
  public List<EvaluationResult> results(
      EvaluationFilter filter, Set<ComplianceType> types, int offset, int limit) {
    return store.read(() -> store.currentEvaluations(filter, types, offset, limit));
  }

  /**
   * GetResourceConfigHistory: items of a secret between two times.
   *
   * @throws ResourceNotDiscoveredException when no item of the resource was ever recorded
   */
  public List<ConfigurationItem> history(
      String accountId,
      String resourceId,
      Instant earlier,
      Instant later,
      boolean forward,
      int offset,
      int limit) {
    return store.read(() -> {
      Optional<ConfigurationItem> latest = store.latestItem(resourceId);
      if (latest.filter(i -> i.accountId().equals(accountId)).isEmpty()) {
        throw new ResourceNotDiscoveredException(
            "Resource "
                + resourceId
                + " of resourceType:"
                + EvaluationResult.SECRET_TYPE
                + " is unknown or has not been discovered");
      }
      return store.items(resourceId, earlier, later, forward, offset, limit);
    });
  }

  /** The current state of the secrets of an account and region, for findings. */
  public List<SecretState> secrets(String accountId, String region) {
    List<SecretState> out = new ArrayList<>();
    long after = 0;
    while (true) {
      SecretInventory.Page page =
          inventory.page(Optional.of(accountId), Optional.of(region), after, CHUNK);
      if (page.secrets().isEmpty()) {
        return out;
      }
      out.addAll(page.secrets());
      after = page.next();
    }
  }

  /** The aggregator API, over this engine's store. */
  public Aggregators aggregators() {
    return new Aggregators(store, this, clock);
  }

  // ---- ComplianceQueries ----

  @Override
  public List<ConfigRule> rules() {
    return store.read(() -> store.rules(Optional.empty(), Optional.empty()));
  }

  @Override
  public List<EvaluationResult> currentEvaluations(EvaluationFilter filter) {
    return store.read(() -> store.currentEvaluations(filter, Set.of(), 0, Integer.MAX_VALUE));
  }

  @Override
  public List<EvaluationResult> history(EvaluationFilter filter, Instant from, Instant to) {
    return store.read(() -> store.history(filter, from, to));
  }
}
