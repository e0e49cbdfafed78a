package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.remediation.Remediations;
import dev.coffer.compliance.remediation.ResourceKey;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;

/** DeleteRemediationExceptions: resources that had no exception come back in FailedBatches. */
final class DeleteRemediationExceptionsHandler implements Operation {
  private final Remediations remediations;

  DeleteRemediationExceptionsHandler(Remediations remediations) {
    this.remediations = remediations;
  }

  @Override
  public String name() {
    return "DeleteRemediationExceptions";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String rule = in.requiredString("ConfigRuleName", 1, 128);
    List<ResourceKey> keys = RemediationWire.exceptionKeys(in, true);
    in.validate();
    List<ResourceKey> missing =
        remediations.deleteExceptions(ctx.accountId(), ctx.region(), rule, keys);
    ObjectNode out = Json.object();
    ArrayNode batches = out.putArray("FailedBatches");
    if (!missing.isEmpty()) {
      ObjectNode b = batches.addObject();
      b.put("FailureMessage", "No remediation exception exists for these resources.");
      ArrayNode items = b.putArray("FailedItems");
      missing.forEach(k -> items.add(RemediationWire.exceptionKey(k)));
    }
    return out;
  }
}
