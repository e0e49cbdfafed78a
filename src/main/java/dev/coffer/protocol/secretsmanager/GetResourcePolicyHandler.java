package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretPolicies;

/** GetResourcePolicy: ResourcePolicy is left out when the secret has none. */
public final class GetResourcePolicyHandler implements Operation {
  private final SecretPolicies policies;

  public GetResourcePolicyHandler(SecretPolicies policies) {
    this.policies = policies;
  }

  @Override
  public String name() {
    return "GetResourcePolicy";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    in.validate();
    var p = policies.get(ctx, secretId);
    ObjectNode out = Json.object().put("ARN", p.arn()).put("Name", p.name());
    Json.putIfPresent(out, "ResourcePolicy", p.policy());
    return out;
  }
}
