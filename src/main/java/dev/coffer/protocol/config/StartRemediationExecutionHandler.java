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

/**
 * StartRemediationExecution: runs the rule's runbook on each resource; the outcome is read with
 * DescribeRemediationExecutionStatus. Resources it could not start are returned in FailedItems.
 */
final class StartRemediationExecutionHandler implements Operation {
  private final Remediations remediations;

  StartRemediationExecutionHandler(Remediations remediations) {
    this.remediations = remediations;
  }

  @Override
  public String name() {
    return "StartRemediationExecution";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String rule = in.requiredString("ConfigRuleName", 1, 128);
    List<ResourceKey> keys = RemediationWire.resourceKeys(in, true);
    in.validate();
    Remediations.StartResult r = remediations.start(ctx.accountId(), ctx.region(), rule, keys);
    ObjectNode out = Json.object();
    ArrayNode failed = out.putArray("FailedItems");
    if (!r.failed().isEmpty()) {
      out.put("FailureMessage", r.reason());
      r.failed().forEach(k -> failed.add(RemediationWire.resourceKey(k)));
    }
    return out;
  }
}
