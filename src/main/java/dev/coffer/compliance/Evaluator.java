package dev.coffer.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs rules over secrets and keeps results: a new result is stored when the verdict (type or
 * annotation) differs from the current one; a change of compliance type, or a first result, is
 * appended to the history and handed to the listeners, all in the caller's write transaction.
 */
final class Evaluator {
  private final ComplianceStore store;
  private final KeyDirectory keys;
  private final List<ComplianceListener> listeners = new CopyOnWriteArrayList<>();

  Evaluator(ComplianceStore store, KeyDirectory keys) {
    this.store = store;
    this.keys = keys;
  }

  void addListener(ComplianceListener listener) {
    listeners.add(listener);
  }

  /**
   * Evaluates {@code rule} for {@code secrets} (all of the rule's account and region) and stores
   * what changed. Must run inside {@link ComplianceStore#write}.
   *
   * @param orderingTimestamp the CI capture time (change) or the trigger time (periodic)
   * @return how many results changed compliance type
   */
  int evaluate(
      ConfigRule rule,
      List<SecretState> secrets,
      Instant orderingTimestamp,
      Instant invokedAt,
      KeyDirectory cachedKeys) {
    return evaluate(List.of(rule), secrets, orderingTimestamp, invokedAt, cachedKeys);
  }

  /**
   * Evaluates each of {@code rules} for {@code secrets} (all of the rules' one account and region)
   * with one read of the current results and one write of what changed, whatever the number of
   * rules and secrets. Must run inside {@link ComplianceStore#write}.
   *
   * @return how many results changed compliance type
   */
  int evaluate(
      List<ConfigRule> rules,
      List<SecretState> secrets,
      Instant orderingTimestamp,
      Instant invokedAt,
      KeyDirectory cachedKeys) {
    if (rules.isEmpty() || secrets.isEmpty()) {
      return 0;
    }
    Map<String, Map<String, EvaluationResult>> current =
        store.currentResults(
            rules.stream().map(ConfigRule::arn).toList(),
            secrets.stream().map(SecretState::arn).toList());
    Map<String, List<EvaluationResult>> results = new LinkedHashMap<>();
    List<EvaluationResult> changes = new ArrayList<>();
    List<ComplianceChange> events = new ArrayList<>();
    for (ConfigRule rule : rules) {
      ManagedRule managed = ManagedRule.byIdentifier(rule.sourceIdentifier()).orElseThrow();
      Map<String, EvaluationResult> ofRule = current.getOrDefault(rule.arn(), Map.of());
      List<EvaluationResult> changed = new ArrayList<>();
      for (SecretState s : secrets) {
        Optional<EvaluationResult> old = Optional.ofNullable(ofRule.get(s.arn()));
        Verdict v;
        if (!RuleScopes.covers(rule.scope(), s)) {
          if (old.isEmpty()) {
            continue;
          }
          v = Verdict.notApplicable("The secret is not in the scope of the rule.");
        } else {
          v = ManagedRules.evaluate(managed, rule.inputParameters(), s, invokedAt, cachedKeys);
        }
        record(
            rule,
            s.arn(),
            s.name(),
            v,
            old,
            orderingTimestamp,
            invokedAt,
            changed,
            changes,
            events);
      }
      if (!changed.isEmpty()) {
        results.put(rule.arn(), changed);
      }
    }
    if (results.isEmpty()) {
      return 0;
    }
    store.saveResults(results, changes);
    tell(events);
    return events.size();
  }

  /** Marks every current result of {@code resourceId} NOT_APPLICABLE: the secret is gone. */
  int removed(List<ConfigRule> rules, String resourceId, String name, Instant now) {
    int n = 0;
    for (ConfigRule rule : rules) {
      Optional<EvaluationResult> old =
          Optional.ofNullable(
              store.currentResults(rule.arn(), List.of(resourceId)).get(resourceId));
      if (old.isEmpty()) {
        continue;
      }
      List<EvaluationResult> results = new ArrayList<>();
      List<EvaluationResult> changes = new ArrayList<>();
      List<ComplianceChange> events = new ArrayList<>();
      record(
          rule,
          resourceId,
          name,
          Verdict.notApplicable("The secret was deleted."),
          old,
          now,
          now,
          results,
          changes,
          events);
      n += flush(rule, results, changes, events);
    }
    return n;
  }

  private static void record(
      ConfigRule rule,
      String resourceId,
      String resourceName,
      Verdict v,
      Optional<EvaluationResult> old,
      Instant orderingTimestamp,
      Instant invokedAt,
      List<EvaluationResult> results,
      List<EvaluationResult> changes,
      List<ComplianceChange> events) {
    EvaluationResult next =
        new EvaluationResult(
            rule.accountId(),
            rule.region(),
            rule.name(),
            EvaluationResult.SECRET_TYPE,
            resourceId,
            v.type(),
            v.annotation(),
            orderingTimestamp,
            invokedAt,
            invokedAt);
    if (old.isPresent() && old.get().sameVerdict(next)) {
      return;
    }
    results.add(next);
    if (old.isEmpty() || old.get().complianceType() != next.complianceType()) {
      changes.add(next);
      events.add(
          new ComplianceChange(
              rule.accountId(),
              rule.region(),
              rule.name(),
              rule.arn(),
              EvaluationResult.SECRET_TYPE,
              resourceId,
              resourceName,
              old,
              next,
              invokedAt));
    }
  }

  private int flush(
      ConfigRule rule,
      List<EvaluationResult> results,
      List<EvaluationResult> changes,
      List<ComplianceChange> events) {
    if (results.isEmpty()) {
      return 0;
    }
    store.saveResults(rule.arn(), results, changes);
    tell(events);
    return events.size();
  }

  private void tell(List<ComplianceChange> events) {
    if (events.isEmpty()) {
      return;
    }
    for (ComplianceListener l : listeners) {
      l.changedAll(events);
    }
  }

  /** A key directory that remembers answers for one evaluation round. */
  KeyDirectory cached() {
    Map<String, Optional<KeyDirectory.KeyFacts>> memo = new HashMap<>();
    return (account, region, keyId) ->
        memo.computeIfAbsent(
            account + "\n" + region + "\n" + keyId, k -> keys.describe(account, region, keyId));
  }
}
