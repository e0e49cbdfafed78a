package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretPolicies;

/** DeleteResourcePolicy: removes the secret's resource policy (succeeds when there is none). */
public final class DeleteResourcePolicyHandler implements Operation {
  private final SecretPolicies policies;

  public DeleteResourcePolicyHandler(SecretPolicies policies) {
    this.policies = policies;
  }

  @Override
  public String name() {
    return "DeleteResourcePolicy";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    in.validate();
    var p = policies.delete(ctx, secretId);
    return Json.object().put("ARN", p.arn()).put("Name", p.name());
  }
}
