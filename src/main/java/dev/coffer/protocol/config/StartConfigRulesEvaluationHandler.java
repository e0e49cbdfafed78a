package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;

/**
 * StartConfigRulesEvaluation: re-evaluates the named rules against every secret in scope. AWS runs
 * it asynchronously; Coffer finishes it before answering, so results can be read right after.
 */
final class StartConfigRulesEvaluationHandler implements Operation {
  private final ComplianceEngine engine;

  StartConfigRulesEvaluationHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "StartConfigRulesEvaluation";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    List<String> names = in.stringList("ConfigRuleNames", 1, 25, 1, 128).orElse(List.of());
    in.validate();
    engine.startEvaluation(ctx.accountId(), ctx.region(), names);
    return Json.object();
  }
}
