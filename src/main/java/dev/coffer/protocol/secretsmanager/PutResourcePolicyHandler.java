package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretPolicies;

/** PutResourcePolicy: attaches (replaces) the secret's resource policy; BlockPublicPolicy. */
public final class PutResourcePolicyHandler implements Operation {
  private final SecretPolicies policies;

  public PutResourcePolicyHandler(SecretPolicies policies) {
    this.policies = policies;
  }

  @Override
  public String name() {
    return "PutResourcePolicy";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    String policy = in.requiredString("ResourcePolicy", 1, SecretPolicies.MAX_POLICY_CHARS);
    boolean block = in.bool("BlockPublicPolicy").orElse(false);
    in.validate();
    var p = policies.put(ctx, secretId, policy, block);
    return Json.object().put("ARN", p.arn()).put("Name", p.name());
  }
}
