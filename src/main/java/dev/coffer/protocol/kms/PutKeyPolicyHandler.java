package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/**
 * PutKeyPolicy: replaces the key policy after checking it as a key policy. The lockout safety check
 * waits for policy enforcement; BypassPolicyLockoutSafetyCheck is accepted.
 */
public final class PutKeyPolicyHandler implements Operation {
  private final KeyService keys;

  public PutKeyPolicyHandler(KeyService keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "PutKeyPolicy";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    String policyName = in.string("PolicyName", 1, 128, KmsMembers.POLICY_NAME).orElse("default");
    String policy = in.requiredString("Policy", 1, 131_072, KmsMembers.POLICY);
    in.bool("BypassPolicyLockoutSafetyCheck");
    in.validate();
    keys.putPolicy(ctx, keyId, policyName, policy);
    return Json.object();
  }
}
