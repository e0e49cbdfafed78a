package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** GetAggregateComplianceDetailsByConfigRule: one source's results of one rule. */
final class GetAggregateComplianceDetailsByConfigRuleHandler implements Operation {
  private final ComplianceEngine engine;

  GetAggregateComplianceDetailsByConfigRuleHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "GetAggregateComplianceDetailsByConfigRule";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String aggregator = in.requiredString("ConfigurationAggregatorName", 1, 256);
    String rule = in.requiredString("ConfigRuleName", 1, 64);
    String account = in.requiredString("AccountId", 12, 12);
    String region = in.requiredString("AwsRegion", 1, 64);
    Optional<String> type = in.string("ComplianceType", 1, 64);
    int limit = ConfigJson.limit(in, "Limit", 100, 50);
    String binding =
        name()
            + "\n"
            + ctx.accountId()
            + "\n"
            + aggregator
            + rule
            + account
            + region
            + type
            + limit;
    int offset = ConfigJson.offset(in, "NextToken", binding);
    in.validate();
    Set<ComplianceType> types =
        type.map(t -> Set.of(ConfigJson.complianceType(t))).orElse(Set.of());
    List<EvaluationResult> rows =
        engine
            .aggregators()
            .details(
                ctx.accountId(),
                ctx.region(),
                aggregator,
                rule,
                account,
                region,
                types,
                offset,
                limit + 1);
    ObjectNode out = Json.object();
    ConfigJson.page(
        out,
        "AggregateEvaluationResults",
        "NextToken",
        rows,
        offset,
        limit,
        binding,
        r -> {
          ObjectNode o = ConfigJson.result(r);
          o.put("AccountId", r.accountId());
          o.put("AwsRegion", r.region());
          return o;
        });
    return out;
  }
}
