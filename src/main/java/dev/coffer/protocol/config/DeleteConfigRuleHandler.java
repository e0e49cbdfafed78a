package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** DeleteConfigRule: removes the rule and its evaluation results. */
final class DeleteConfigRuleHandler implements Operation {
  private final ComplianceEngine engine;

  DeleteConfigRuleHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "DeleteConfigRule";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String rule = in.requiredString("ConfigRuleName", 1, 128);
    in.validate();
    engine.deleteRule(ctx.accountId(), ctx.region(), rule);
    return Json.object();
  }
}
