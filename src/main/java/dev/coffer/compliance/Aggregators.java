package dev.coffer.compliance;

import dev.coffer.core.error.InvalidParameterValueException;
import dev.coffer.core.error.NoSuchConfigurationAggregatorException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration aggregators: a read-only view of the rules and results of several accounts and
 * regions hosted by this server (compliance-and-iam.md §1.6). Rules cannot be deployed through an
 * aggregator. Source accounts need no PutAggregationAuthorization: the accounts of one server trust
 * its operator already [inferred].
 */
public final class Aggregators {
  private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ComplianceStore store;
  private final ComplianceEngine engine;
  private final Clock clock;

  Aggregators(ComplianceStore store, ComplianceEngine engine, Clock clock) {
    this.store = store;
    this.engine = engine;
    this.clock = clock;
  }

  /** One row of DescribeAggregateComplianceByConfigRules. */
  public record AggregateRuleCompliance(ConfigRule rule, RuleCompliance compliance) {}

  /** PutConfigurationAggregator: creates or replaces an account-based aggregator. */
  public ConfigurationAggregator put(
      String accountId,
      String region,
      String name,
      List<String> accountIds,
      boolean allRegions,
      List<String> regions) {
    if (accountIds.isEmpty()) {
      throw new InvalidParameterValueException(
          "The AccountAggregationSources must name at least one account.");
    }
    if (allRegions == !regions.isEmpty()) {
      throw new InvalidParameterValueException(
          "Specify either AllAwsRegions or AwsRegions for an account aggregation source, not both"
              + " and not neither.");
    }
    Instant now = clock.instant();
    return store.write(() -> {
      Optional<ConfigurationAggregator> existing = store.aggregator(accountId, region, name);
      ConfigurationAggregator a =
          new ConfigurationAggregator(
              accountId,
              region,
              name,
              existing
                  .map(ConfigurationAggregator::arn)
                  .orElse(
                      "arn:aws:config:"
                          + region
                          + ":"
                          + accountId
                          + ":config-aggregator/config-aggregator-"
                          + randomId()),
              accountIds,
              allRegions,
              regions,
              existing.map(ConfigurationAggregator::createdAt).orElse(now),
              now);
      store.saveAggregator(a);
      return a;
    });
  }

  /** DescribeConfigurationAggregators: the named ones, or all of the account and region. */
  public List<ConfigurationAggregator> describe(
      String accountId, String region, List<String> names) {
    return store.read(() -> {
      if (names.isEmpty()) {
        return store.aggregators(accountId, region);
      }
      List<ConfigurationAggregator> out = new ArrayList<>();
      for (String n : names) {
        out.add(require(accountId, region, n));
      }
      return out;
    });
  }

  public void delete(String accountId, String region, String name) {
    if (!store.write(() -> store.deleteAggregator(accountId, region, name))) {
      throw noSuchAggregator();
    }
  }

  /** The roll-up of every rule of every source the aggregator covers. */
  public List<AggregateRuleCompliance> complianceByRules(
      String accountId, String region, String aggregatorName) {
    ConfigurationAggregator a = store.read(() -> require(accountId, region, aggregatorName));
    List<AggregateRuleCompliance> out = new ArrayList<>();
    for (ConfigRule rule : engine.rules()) {
      if (a.covers(rule.accountId(), rule.region())) {
        out.add(new AggregateRuleCompliance(rule, engine.compliance(rule)));
      }
    }
    return out;
  }

  /** The results of one rule of one source account and region the aggregator covers. */
  public List<EvaluationResult> details(
      String accountId,
      String region,
      String aggregatorName,
      String ruleName,
      String sourceAccount,
      String sourceRegion,
      Set<ComplianceType> types,
      int offset,
      int limit) {
    ConfigurationAggregator a = store.read(() -> require(accountId, region, aggregatorName));
    if (!a.covers(sourceAccount, sourceRegion)
        || store.read(() -> store.rule(sourceAccount, sourceRegion, ruleName)).isEmpty()) {
      throw RuleBook.noSuchRule(ruleName);
    }
    return engine.results(
        EvaluationFilter.all()
            .withAccount(sourceAccount)
            .withRegion(sourceRegion)
            .withRule(ruleName),
        types,
        offset,
        limit);
  }

  private ConfigurationAggregator require(String accountId, String region, String name) {
    return store.aggregator(accountId, region, name).orElseThrow(Aggregators::noSuchAggregator);
  }

  private static NoSuchConfigurationAggregatorException noSuchAggregator() {
    return new NoSuchConfigurationAggregatorException(
        "The configuration aggregator does not exist. Check the configuration aggregator name and"
            + " try again.");
  }

  private static String randomId() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      b.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
    }
    return b.toString();
  }
}
