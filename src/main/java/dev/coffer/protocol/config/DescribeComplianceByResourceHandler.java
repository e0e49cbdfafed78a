package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.compliance.RuleCompliance;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DescribeComplianceByResource: each secret's roll-up across the rules that evaluate it. A named
 * resource with no results is INSUFFICIENT_DATA, as in AWS.
 */
final class DescribeComplianceByResourceHandler implements Operation {
  private final ComplianceEngine engine;

  DescribeComplianceByResourceHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "DescribeComplianceByResource";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    Optional<String> type = in.string("ResourceType", 1, 256);
    Optional<String> id = in.string("ResourceId", 1, 768);
    Set<ComplianceType> types = ConfigJson.complianceTypes(in);
    int limit = ConfigJson.limit(in, "Limit", 100, 100);
    String binding = name() + "\n" + ctx.accountId() + "\n" + type + id + types + limit;
    int offset = ConfigJson.offset(in, "NextToken", binding);
    in.validate();
    ObjectNode out = Json.object();
    if (type.isPresent() && !type.get().equals(EvaluationResult.SECRET_TYPE)) {
      out.putArray("ComplianceByResources");
      return out;
    }
    Map<String, RuleCompliance> all =
        engine.complianceByResource(ctx.accountId(), ctx.region(), id);
    if (id.isPresent() && all.isEmpty()) {
      all = Map.of(id.get(), new RuleCompliance(ComplianceType.INSUFFICIENT_DATA, 0, false));
    }
    List<Map.Entry<String, RuleCompliance>> rows =
        all.entrySet().stream()
            .filter(e -> types.isEmpty() || types.contains(e.getValue().type()))
            .toList();
    ConfigJson.page(
        out,
        "ComplianceByResources",
        "NextToken",
        rows.subList(Math.min(offset, rows.size()), rows.size()),
        offset,
        limit,
        binding,
        e -> {
          ObjectNode o =
              Json.object()
                  .put("ResourceType", EvaluationResult.SECRET_TYPE)
                  .put("ResourceId", e.getKey());
          o.set("Compliance", ConfigJson.compliance(e.getValue()));
          return o;
        });
    return out;
  }
}
