package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.remediation.Remediations;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.Optional;

/** DeleteRemediationConfiguration: removes a rule's remediation and its execution statuses. */
final class DeleteRemediationConfigurationHandler implements Operation {
  private final Remediations remediations;

  DeleteRemediationConfigurationHandler(Remediations remediations) {
    this.remediations = remediations;
  }

  @Override
  public String name() {
    return "DeleteRemediationConfiguration";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String rule = in.requiredString("ConfigRuleName", 1, 128);
    Optional<String> type = in.string("ResourceType", 0, 256);
    in.validate();
    remediations.delete(ctx.accountId(), ctx.region(), rule, type);
    return Json.object();
  }
}
