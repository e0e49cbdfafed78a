package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ConfigRule;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;

/** DescribeConfigRules: the named rules, or all, 25 a page. */
final class DescribeConfigRulesHandler implements Operation {
  static final int PAGE = 25;
  private final ComplianceEngine engine;

  DescribeConfigRulesHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "DescribeConfigRules";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    List<String> names = in.stringList("ConfigRuleNames", 0, 25, 1, 128).orElse(List.of());
    String binding = name() + "\n" + ctx.accountId() + "\n" + String.join("\n", names);
    int offset = ConfigJson.offset(in, "NextToken", binding);
    in.validate();
    List<ConfigRule> rules = engine.describeRules(ctx.accountId(), ctx.region(), names);
    List<ConfigRule> rows = rules.subList(Math.min(offset, rules.size()), rules.size());
    ObjectNode out = Json.object();
    ConfigJson.page(out, "ConfigRules", "NextToken", rows, offset, PAGE, binding, ConfigJson::rule);
    return out;
  }
}
