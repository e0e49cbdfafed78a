package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.ConfigRule;
import dev.coffer.compliance.EvaluationFilter;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;
import java.util.Set;

/** GetComplianceDetailsByConfigRule: the rule's results, by resource, 100 a page at most. */
final class GetComplianceDetailsByConfigRuleHandler implements Operation {
  private final ComplianceEngine engine;

  GetComplianceDetailsByConfigRuleHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "GetComplianceDetailsByConfigRule";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String rule = in.requiredString("ConfigRuleName", 1, 128);
    Set<ComplianceType> types = ConfigJson.complianceTypes(in);
    int limit = ConfigJson.limit(in, "Limit", 100, 100);
    String binding = name() + "\n" + ctx.accountId() + "\n" + rule + types + limit;
    int offset = ConfigJson.offset(in, "NextToken", binding);
    in.validate();
    ConfigRule r = engine.describeRules(ctx.accountId(), ctx.region(), List.of(rule)).get(0);
    List<EvaluationResult> rows =
        engine.results(
            EvaluationFilter.all()
                .withAccount(r.accountId())
                .withRegion(r.region())
                .withRule(r.name()),
            types,
            offset,
            limit + 1);
    ObjectNode out = Json.object();
    ConfigJson.page(
        out, "EvaluationResults", "NextToken", rows, offset, limit, binding, ConfigJson::result);
    return out;
  }
}
