package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.ConfigRule;
import dev.coffer.compliance.RuleCompliance;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** DescribeComplianceByConfigRule: each rule's roll-up, optionally only some compliance types. */
final class DescribeComplianceByConfigRuleHandler implements Operation {
  static final int PAGE = 25;
  private final ComplianceEngine engine;

  DescribeComplianceByConfigRuleHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "DescribeComplianceByConfigRule";
  }

  record Row(ConfigRule rule, RuleCompliance compliance) {}

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    List<String> names = in.stringList("ConfigRuleNames", 0, 25, 1, 128).orElse(List.of());
    Set<ComplianceType> types = ConfigJson.complianceTypes(in);
    String binding = name() + "\n" + ctx.accountId() + "\n" + names + types;
    int offset = ConfigJson.offset(in, "NextToken", binding);
    in.validate();
    List<Row> rows = new ArrayList<>();
    for (ConfigRule r : engine.describeRules(ctx.accountId(), ctx.region(), names)) {
      RuleCompliance c = engine.compliance(r);
      if (types.isEmpty() || types.contains(c.type())) {
        rows.add(new Row(r, c));
      }
    }
    ObjectNode out = Json.object();
    ConfigJson.page(
        out,
        "ComplianceByConfigRules",
        "NextToken",
        rows.subList(Math.min(offset, rows.size()), rows.size()),
        offset,
        PAGE,
        binding,
        row -> {
          ObjectNode o = Json.object().put("ConfigRuleName", row.rule().name());
          o.set("Compliance", ConfigJson.compliance(row.compliance()));
          return o;
        });
    return out;
  }
}
