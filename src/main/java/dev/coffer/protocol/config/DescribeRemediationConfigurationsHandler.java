package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.remediation.Remediations;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;

/** DescribeRemediationConfigurations: the configurations of the named rules that have one. */
final class DescribeRemediationConfigurationsHandler implements Operation {
  private final Remediations remediations;

  DescribeRemediationConfigurationsHandler(Remediations remediations) {
    this.remediations = remediations;
  }

  @Override
  public String name() {
    return "DescribeRemediationConfigurations";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    List<String> names = in.requiredStringList("ConfigRuleNames", 0, 25, 1, 128);
    in.validate();
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("RemediationConfigurations");
    if (names.isEmpty()) {
      return out;
    }
    remediations.describe(ctx.accountId(), ctx.region(), names).stream()
        .map(RemediationWire::configuration)
        .forEach(list::add);
    return out;
  }
}
