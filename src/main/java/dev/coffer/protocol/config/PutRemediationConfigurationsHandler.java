package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.remediation.RemediationConfiguration;
import dev.coffer.compliance.remediation.Remediations;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * PutRemediationConfigurations: adds or replaces the remediation of up to 25 rules; a rule that
 * does not exist comes back in FailedBatches.
 */
final class PutRemediationConfigurationsHandler implements Operation {
  private final Remediations remediations;

  PutRemediationConfigurationsHandler(Remediations remediations) {
    this.remediations = remediations;
  }

  @Override
  public String name() {
    return "PutRemediationConfigurations";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    List<JsonInput> items = in.requiredStructList("RemediationConfigurations", 0, 25);
    List<RemediationConfiguration> drafts = new ArrayList<>();
    for (JsonInput c : items) {
      drafts.add(RemediationWire.configuration(ctx.accountId(), ctx.region(), c));
    }
    in.validate();
    Remediations.PutResult r = remediations.put(ctx.accountId(), ctx.region(), drafts);
    ObjectNode out = Json.object();
    ArrayNode batches = out.putArray("FailedBatches");
    if (!r.failed().isEmpty()) {
      ObjectNode b = batches.addObject();
      b.put("FailureMessage", r.reason());
      ArrayNode failed = b.putArray("FailedItems");
      r.failed().forEach(c -> failed.add(RemediationWire.configuration(c)));
    }
    return out;
  }
}
