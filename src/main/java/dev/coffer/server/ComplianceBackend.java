package dev.coffer.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceStore;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.ConfigRule;
import dev.coffer.compliance.ConfigurationAggregator;
import dev.coffer.compliance.ConfigurationItem;
import dev.coffer.compliance.EvaluationFilter;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.compliance.RuleScope;
import dev.coffer.compliance.SecretInventory;
import dev.coffer.compliance.SecretState;
import dev.coffer.store.ComplianceRecords.AggregatorRow;
import dev.coffer.store.ComplianceRecords.ItemRow;
import dev.coffer.store.ComplianceRecords.ResultFilter;
import dev.coffer.store.ComplianceRecords.ResultRow;
import dev.coffer.store.ComplianceRecords.RuleResultRow;
import dev.coffer.store.ComplianceRecords.RuleRow;
import dev.coffer.store.ComplianceRecords.SecretRow;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.Store;
import dev.coffer.store.Tag;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compliance ports over the store: compliance may not use the store package (DESIGN.md), so
 * this class maps between its records and the store's rows, and reads the secrets it evaluates.
 */
final class ComplianceBackend extends StorePort implements ComplianceStore, SecretInventory {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Clock clock;

  ComplianceBackend(Store store, Clock clock) {
    super(store);
    this.clock = clock;
  }

  // ---- items ----

  @Override
  public Optional<ConfigurationItem> latestItem(String resourceId) {
    return store.read(tx -> tx.compliance().latestItem(resourceId)).map(ComplianceBackend::item);
  }

  @Override
  public Map<String, ConfigurationItem> latestItems(Collection<String> resourceIds) {
    Map<String, ConfigurationItem> out = new LinkedHashMap<>();
    store
        .read(tx -> tx.compliance().latestItems(resourceIds))
        .forEach((k, v) -> out.put(k, item(v)));
    return out;
  }

  @Override
  public void addItem(ConfigurationItem i) {
    ItemRow row = itemRow(i);
    store.execute(tx -> tx.compliance().addItem(row));
  }

  @Override
  public void addItems(List<ConfigurationItem> items) {
    List<ItemRow> rows = items.stream().map(ComplianceBackend::itemRow).toList();
    store.execute(tx -> tx.compliance().addItems(rows));
  }

  private static ItemRow itemRow(ConfigurationItem i) {
    return new ItemRow(
        i.accountId(),
        i.region(),
        i.resourceId(),
        i.resourceName(),
        i.status(),
        i.captureTime(),
        i.resourceCreationTime(),
        i.description(),
        i.kmsKeyId(),
        i.rotationEnabled(),
        i.rotationLambdaArn(),
        rulesJson(i.rotationRules()),
        i.rotationOccurringAsScheduled(),
        i.deleted(),
        json(i.tags()));
  }

  @Override
  public List<ConfigurationItem> items(
      String resourceId, Instant earlier, Instant later, boolean forward, int offset, int limit) {
    return store
        .read(tx -> tx.compliance().items(resourceId, earlier, later, forward, offset, limit))
        .stream()
        .map(ComplianceBackend::item)
        .toList();
  }

  private static ConfigurationItem item(ItemRow r) {
    return new ConfigurationItem(
        r.accountId(),
        r.region(),
        r.resourceId(),
        r.resourceName(),
        r.status(),
        r.captureTime(),
        r.resourceCreatedAt(),
        r.description(),
        r.kmsKeyId(),
        r.rotationEnabled(),
        r.rotationLambdaArn(),
        rules(r.rotationRules()),
        r.rotationOccurringAsScheduled(),
        r.deleted(),
        stringMap(r.tags()));
  }

  // ---- rules ----

  @Override
  public List<ConfigRule> rules(Optional<String> accountId, Optional<String> region) {
    return store.read(tx -> tx.compliance().rules(accountId, region)).stream()
        .map(ComplianceBackend::rule)
        .toList();
  }

  @Override
  public Optional<ConfigRule> rule(String accountId, String region, String name) {
    return store
        .read(tx -> tx.compliance().rule(accountId, region, name))
        .map(ComplianceBackend::rule);
  }

  @Override
  public void saveRule(ConfigRule r) {
    RuleRow row =
        new RuleRow(
            r.arn(),
            r.accountId(),
            r.region(),
            r.name(),
            r.ruleId(),
            r.description(),
            r.sourceIdentifier(),
            json(r.inputParameters()),
            r.maximumExecutionFrequency(),
            String.join(",", r.scope().complianceResourceTypes()),
            r.scope().tagKey(),
            r.scope().tagValue(),
            r.scope().complianceResourceId(),
            r.createdAt());
    store.execute(tx -> tx.compliance().saveRule(row));
  }

  @Override
  public boolean deleteRule(String accountId, String region, String name) {
    return store.write(tx -> tx.compliance().deleteRule(accountId, region, name));
  }

  private static ConfigRule rule(RuleRow r) {
    return new ConfigRule(
        r.accountId(),
        r.region(),
        r.name(),
        r.arn(),
        r.ruleId(),
        r.description(),
        r.sourceIdentifier(),
        stringMap(r.inputParameters()),
        r.maximumExecutionFrequency(),
        new RuleScope(
            csv(r.scopeResourceTypes()), r.scopeTagKey(), r.scopeTagValue(), r.scopeResourceId()),
        r.createdAt());
  }

  // ---- results ----

  @Override
  public Map<String, EvaluationResult> currentResults(
      String ruleArn, Collection<String> resourceIds) {
    Map<String, EvaluationResult> out = new LinkedHashMap<>();
    store
        .read(tx -> tx.compliance().currentResults(ruleArn, resourceIds))
        .forEach((k, v) -> out.put(k, result(v)));
    return out;
  }

  @Override
  public Map<String, Map<String, EvaluationResult>> currentResults(
      Collection<String> ruleArns, Collection<String> resourceIds) {
    Map<String, Map<String, EvaluationResult>> out = new HashMap<>();
    store
        .read(tx -> tx.compliance().currentResults(ruleArns, resourceIds))
        .forEach((rule, byResource) -> {
          Map<String, EvaluationResult> m = new HashMap<>();
          byResource.forEach((k, v) -> m.put(k, result(v)));
          out.put(rule, m);
        });
    return out;
  }

  @Override
  public void saveResults(
      Map<String, List<EvaluationResult>> resultsByRule, List<EvaluationResult> changes) {
    List<RuleResultRow> current = new ArrayList<>();
    resultsByRule.forEach((rule, results) -> {
      for (EvaluationResult r : results) {
        current.add(new RuleResultRow(rule, row(r)));
      }
    });
    List<ResultRow> history = changes.stream().map(ComplianceBackend::row).toList();
    store.execute(tx -> tx.compliance().saveResults(current, history));
  }

  @Override
  public void saveResults(
      String ruleArn, List<EvaluationResult> results, List<EvaluationResult> changes) {
    List<ResultRow> current = results.stream().map(ComplianceBackend::row).toList();
    List<ResultRow> history = changes.stream().map(ComplianceBackend::row).toList();
    store.execute(tx -> tx.compliance().saveResults(ruleArn, current, history));
  }

  @Override
  public List<EvaluationResult> currentEvaluations(
      EvaluationFilter filter, Set<ComplianceType> types, int offset, int limit) {
    return store
        .read(tx -> tx.compliance().currentResults(filter(filter, types), offset, limit))
        .stream()
        .map(ComplianceBackend::result)
        .toList();
  }

  @Override
  public List<EvaluationResult> history(EvaluationFilter filter, Instant from, Instant to) {
    return store.read(tx -> tx.compliance().history(filter(filter, Set.of()), from, to)).stream()
        .map(ComplianceBackend::result)
        .toList();
  }

  private static ResultFilter filter(EvaluationFilter f, Set<ComplianceType> types) {
    return new ResultFilter(
        f.accountId(),
        f.region(),
        f.configRuleName(),
        f.resourceId(),
        types.stream().map(Enum::name).sorted().toList());
  }

  private static ResultRow row(EvaluationResult r) {
    return new ResultRow(
        r.accountId(),
        r.region(),
        r.configRuleName(),
        r.resourceType(),
        r.resourceId(),
        r.complianceType().name(),
        r.annotation(),
        r.orderingTimestamp(),
        r.resultRecordedTime(),
        r.configRuleInvokedTime());
  }

  private static EvaluationResult result(ResultRow r) {
    return new EvaluationResult(
        r.accountId(),
        r.region(),
        r.ruleName(),
        r.resourceType(),
        r.resourceId(),
        ComplianceType.parse(r.complianceType()).orElse(ComplianceType.INSUFFICIENT_DATA),
        r.annotation(),
        r.orderingTimestamp(),
        r.recordedAt(),
        r.invokedAt());
  }

  // ---- jobs ----

  @Override
  public Optional<Instant> nextRun(String name) {
    return store.read(tx -> tx.compliance().nextRun(name));
  }

  @Override
  public boolean claimRun(String name, Optional<Instant> expected, Instant next) {
    return store.write(tx -> tx.compliance().claimRun(name, expected, next));
  }

  @Override
  public void scheduleRun(String name, Instant at) {
    store.execute(tx -> tx.compliance().scheduleRun(name, at));
  }

  // ---- aggregators ----

  @Override
  public void saveAggregator(ConfigurationAggregator a) {
    AggregatorRow row =
        new AggregatorRow(
            a.accountId(),
            a.region(),
            a.name(),
            a.arn(),
            String.join(",", a.accountIds()),
            a.allRegions(),
            String.join(",", a.regions()),
            a.createdAt(),
            a.updatedAt());
    store.execute(tx -> tx.compliance().saveAggregator(row));
  }

  @Override
  public Optional<ConfigurationAggregator> aggregator(
      String accountId, String region, String name) {
    return store
        .read(tx -> tx.compliance().aggregators(accountId, region, Optional.of(name)))
        .stream()
        .findFirst()
        .map(ComplianceBackend::aggregator);
  }

  @Override
  public List<ConfigurationAggregator> aggregators(String accountId, String region) {
    return store
        .read(tx -> tx.compliance().aggregators(accountId, region, Optional.empty()))
        .stream()
        .map(ComplianceBackend::aggregator)
        .toList();
  }

  @Override
  public boolean deleteAggregator(String accountId, String region, String name) {
    return store.write(tx -> tx.compliance().deleteAggregator(accountId, region, name));
  }

  private static ConfigurationAggregator aggregator(AggregatorRow r) {
    return new ConfigurationAggregator(
        r.accountId(),
        r.region(),
        r.name(),
        r.arn(),
        csv(r.accountIds()),
        r.allRegions(),
        csv(r.regions()),
        r.createdAt(),
        r.updatedAt());
  }

  // ---- inventory ----

  @Override
  public Page page(Optional<String> accountId, Optional<String> region, long after, int limit) {
    List<SecretRow> rows =
        store.read(tx -> tx.compliance().secrets(accountId, region, after, limit));
    Instant now = clock.instant();
    return new Page(
        rows.stream().map(r -> state(r, now)).toList(),
        rows.isEmpty() ? after : rows.get(rows.size() - 1).id());
  }

  @Override
  public Optional<SecretState> find(String arn) {
    Instant now = clock.instant();
    return store.read(tx -> tx.compliance().secret(arn)).map(r -> state(r, now));
  }

  /** The state of a secret that was just deleted, from its last stored record. */
  static SecretState removedState(SecretRecord s) {
    SecretRow row =
        new SecretRow(
            s.id(),
            s.accountId(),
            s.region(),
            s.arn(),
            s.name(),
            s.description(),
            s.kmsKeyId(),
            s.createdAt(),
            s.lastAccessedDate(),
            s.deletionAt(),
            s.rotationEnabled().orElse(false),
            s.rotationLambdaArn(),
            s.rotationRules(),
            s.lastRotatedAt(),
            s.nextRotationAt(),
            s.resourcePolicy(),
            s.isReplica(),
            false,
            s.tags());
    return state(row, s.lastChangedAt());
  }

  /**
   * A secret's state. RotationOccurringAsScheduled is decided as DescribeSecret's view decides it:
   * empty while rotation is off (and for replicas, which rotate with their primary); false once a
   * scheduled rotation failed for good or NextRotationDate has passed, until a rotation succeeds.
   */
  static SecretState state(SecretRow r, Instant now) {
    Optional<Boolean> asScheduled = Optional.empty();
    if (r.rotationEnabled() && !r.replica()) {
      boolean overdue = r.nextRotationAt().filter(d -> d.isBefore(now)).isPresent();
      asScheduled = Optional.of(!overdue && !r.scheduleMissed());
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag t : r.tags()) {
      tags.put(t.key(), t.value());
    }
    return new SecretState(
        r.accountId(),
        r.region(),
        r.arn(),
        r.name(),
        r.description(),
        r.kmsKeyId(),
        r.rotationEnabled(),
        r.rotationLambdaArn(),
        rules(r.rotationRules()),
        asScheduled,
        r.createdAt(),
        r.lastRotatedAt(),
        r.nextRotationAt(),
        r.lastAccessedDate(),
        r.deletionAt().isPresent(),
        tags,
        r.resourcePolicy());
  }

  // ---- JSON ----

  private static SecretState.RotationRules rules(Optional<String> json) {
    if (json.isEmpty()) {
      return SecretState.RotationRules.none();
    }
    try {
      JsonNode n = JSON.readTree(json.get());
      return new SecretState.RotationRules(
          Optional.ofNullable(n.get("AutomaticallyAfterDays")).map(JsonNode::asLong),
          Optional.ofNullable(n.get("ScheduleExpression")).map(JsonNode::asText),
          Optional.ofNullable(n.get("Duration")).map(JsonNode::asText));
    } catch (JsonProcessingException e) {
      return SecretState.RotationRules.none();
    }
  }

  private static Optional<String> rulesJson(SecretState.RotationRules r) {
    if (r.isEmpty() && r.duration().isEmpty()) {
      return Optional.empty();
    }
    ObjectNode o = JSON.createObjectNode();
    r.automaticallyAfterDays().ifPresent(d -> o.put("AutomaticallyAfterDays", d));
    r.scheduleExpression().ifPresent(e -> o.put("ScheduleExpression", e));
    r.duration().ifPresent(d -> o.put("Duration", d));
    return Optional.of(o.toString());
  }

  private static String json(Map<String, String> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> stringMap(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> csv(String value) {
    return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
  }
}
