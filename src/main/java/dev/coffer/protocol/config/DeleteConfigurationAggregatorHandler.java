package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** DeleteConfigurationAggregator. */
final class DeleteConfigurationAggregatorHandler implements Operation {
  private final ComplianceEngine engine;

  DeleteConfigurationAggregatorHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "DeleteConfigurationAggregator";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String name = in.requiredString("ConfigurationAggregatorName", 1, 256);
    in.validate();
    engine.aggregators().delete(ctx.accountId(), ctx.region(), name);
    return Json.object();
  }
}
