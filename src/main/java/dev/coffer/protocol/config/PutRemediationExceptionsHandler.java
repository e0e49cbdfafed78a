package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.remediation.Remediations;
import dev.coffer.compliance.remediation.ResourceKey;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** PutRemediationExceptions: keeps automatic remediation away from the given resources. */
final class PutRemediationExceptionsHandler implements Operation {
  private final Remediations remediations;

  PutRemediationExceptionsHandler(Remediations remediations) {
    this.remediations = remediations;
  }

  @Override
  public String name() {
    return "PutRemediationExceptions";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String rule = in.requiredString("ConfigRuleName", 1, 128);
    List<ResourceKey> keys = RemediationWire.exceptionKeys(in, true);
    Optional<String> message = in.string("Message", 1, 1024);
    Optional<Instant> expires = in.timestamp("ExpirationTime");
    in.validate();
    remediations.putExceptions(ctx.accountId(), ctx.region(), rule, keys, message, expires);
    ObjectNode out = Json.object();
    out.putArray("FailedBatches");
    return out;
  }
}
