package dev.coffer.compliance;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where compliance keeps its state: configuration items, rules, results and their history, job
 * state and aggregators. A port: compliance may not use the store package (DESIGN.md), so the
 * server implements it over the store's compliance repository.
 *
 * <p>Calls made inside {@link #write} share one transaction; a {@link #write} made while the
 * caller's thread already has a write transaction open (a secret change, an API request) joins it.
 */
public interface ComplianceStore {
  /** Runs {@code work} in one write transaction (or the one open on this thread). */
  <T> T write(Supplier<T> work);

  /** Runs {@code work} in a read transaction (or the one open on this thread). */
  <T> T read(Supplier<T> work);

  /**
   * Runs {@code action} once the write transaction open on this thread has committed, on this
   * thread; at once (after an empty commit) when none is open.
   */
  void afterCommit(Runnable action);

  // ---- configuration items ----

  Optional<ConfigurationItem> latestItem(String resourceId);

  /** The latest item of each of {@code resourceIds} that has one. */
  Map<String, ConfigurationItem> latestItems(Collection<String> resourceIds);

  void addItem(ConfigurationItem item);

  /** Appends {@code items} (each its resource's new latest item) in a few statements. */
  void addItems(List<ConfigurationItem> items);

  /**
   * Items of {@code resourceId} captured in {@code [earlier, later]}, oldest first when {@code
   * forward}, else newest first; {@code offset} items skipped, at most {@code limit} returned.
   */
  List<ConfigurationItem> items(
      String resourceId, Instant earlier, Instant later, boolean forward, int offset, int limit);

  // ---- rules ----

  /** Rules of one account and region, or of all when empty, by account, region and name. */
  List<ConfigRule> rules(Optional<String> accountId, Optional<String> region);

  Optional<ConfigRule> rule(String accountId, String region, String name);

  /** Inserts the rule, or replaces the one with the same account, region and name. */
  void saveRule(ConfigRule rule);

  /** Deletes the rule with its current results; false if there was none. */
  boolean deleteRule(String accountId, String region, String name);

  // ---- results ----

  /** The current results of the rule named by ARN for each of {@code resourceIds}. */
  Map<String, EvaluationResult> currentResults(String ruleArn, Collection<String> resourceIds);

  /**
   * The current results of each rule named by ARN in {@code ruleArns} for each of {@code
   * resourceIds}, by rule ARN and then resource id, in one query per page of resources.
   */
  Map<String, Map<String, EvaluationResult>> currentResults(
      Collection<String> ruleArns, Collection<String> resourceIds);

  /**
   * Stores the results of several rules (by rule ARN) as their current results, replacing earlier
   * ones, and appends {@code changes} to the history, in a few statements.
   */
  void saveResults(
      Map<String, List<EvaluationResult>> resultsByRule, List<EvaluationResult> changes);

  /**
   * Stores {@code results} as the current results of the rule (replacing earlier ones) and appends
   * {@code changes} to the history.
   */
  void saveResults(String ruleArn, List<EvaluationResult> results, List<EvaluationResult> changes);

  /**
   * Current results that pass {@code filter} and have one of {@code types} (all when empty),
   * ordered by account, region, rule and resource; {@code offset} skipped, at most {@code limit}.
   */
  List<EvaluationResult> currentEvaluations(
      EvaluationFilter filter, Set<ComplianceType> types, int offset, int limit);

  /** History entries recorded in {@code [from, to)} that pass {@code filter}, oldest first. */
  List<EvaluationResult> history(EvaluationFilter filter, Instant from, Instant to);

  // ---- jobs (periodic rules, the recorder sweep) ----

  /** When job {@code name} is due next; empty when it has never been scheduled. */
  Optional<Instant> nextRun(String name);

  /**
   * Claims job {@code name}: moves its next run from {@code expected} (empty: never scheduled) to
   * {@code next} if nobody else did first (compare-and-set, so one node runs each round).
   */
  boolean claimRun(String name, Optional<Instant> expected, Instant next);

  /** Makes job {@code name} due at {@code at} (a new or re-triggered rule). */
  void scheduleRun(String name, Instant at);

  // ---- aggregators ----

  void saveAggregator(ConfigurationAggregator aggregator);

  Optional<ConfigurationAggregator> aggregator(String accountId, String region, String name);

  List<ConfigurationAggregator> aggregators(String accountId, String region);

  boolean deleteAggregator(String accountId, String region, String name);
}
