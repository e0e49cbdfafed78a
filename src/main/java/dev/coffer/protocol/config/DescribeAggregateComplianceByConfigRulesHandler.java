package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.Aggregators.AggregateRuleCompliance;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;
import java.util.Optional;

/**
 * DescribeAggregateComplianceByConfigRules: the roll-up of every rule of every account and region
 * the aggregator covers, filtered by rule name, compliance type, account and region.
 */
final class DescribeAggregateComplianceByConfigRulesHandler implements Operation {
  private final ComplianceEngine engine;

  DescribeAggregateComplianceByConfigRulesHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "DescribeAggregateComplianceByConfigRules";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String aggregator = in.requiredString("ConfigurationAggregatorName", 1, 256);
    Optional<JsonInput> filters = in.struct("Filters");
    int limit = ConfigJson.limit(in, "Limit", 1000, 1000);
    Optional<String> rule = Optional.empty();
    Optional<String> type = Optional.empty();
    Optional<String> account = Optional.empty();
    Optional<String> region = Optional.empty();
    if (filters.isPresent()) {
      rule = filters.get().string("ConfigRuleName", 1, 64);
      type = filters.get().string("ComplianceType", 1, 64);
      account = filters.get().string("AccountId", 12, 12);
      region = filters.get().string("AwsRegion", 1, 64);
    }
    String binding =
        name()
            + "\n"
            + ctx.accountId()
            + "\n"
            + aggregator
            + rule
            + type
            + account
            + region
            + limit;
    int offset = ConfigJson.offset(in, "NextToken", binding);
    in.validate();
    Optional<ComplianceType> wanted = type.map(ConfigJson::complianceType);
    Optional<String> r = rule;
    Optional<String> a = account;
    Optional<String> g = region;
    List<AggregateRuleCompliance> rows =
        engine.aggregators().complianceByRules(ctx.accountId(), ctx.region(), aggregator).stream()
            .filter(x -> r.map(x.rule().name()::equals).orElse(true))
            .filter(x -> a.map(x.rule().accountId()::equals).orElse(true))
            .filter(x -> g.map(x.rule().region()::equals).orElse(true))
            .filter(x -> wanted.map(w -> w == x.compliance().type()).orElse(true))
            .toList();
    ObjectNode out = Json.object();
    ConfigJson.page(
        out,
        "AggregateComplianceByConfigRules",
        "NextToken",
        rows.subList(Math.min(offset, rows.size()), rows.size()),
        offset,
        limit,
        binding,
        x -> {
          ObjectNode o = Json.object().put("ConfigRuleName", x.rule().name());
          o.set("Compliance", ConfigJson.compliance(x.compliance()));
          o.put("AccountId", x.rule().accountId());
          o.put("AwsRegion", x.rule().region());
          return o;
        });
    return out;
  }
}
