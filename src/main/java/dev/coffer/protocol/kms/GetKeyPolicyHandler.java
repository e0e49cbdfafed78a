package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** GetKeyPolicy: the key policy named default, the only one a key has. */
public final class GetKeyPolicyHandler implements Operation {
  private final KeyService keys;

  public GetKeyPolicyHandler(KeyService keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "GetKeyPolicy";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    String policyName = in.string("PolicyName", 1, 128, KmsMembers.POLICY_NAME).orElse("default");
    in.validate();
    ObjectNode out = Json.object();
    out.put("Policy", keys.getPolicy(ctx, keyId, policyName));
    out.put("PolicyName", policyName);
    return out;
  }
}
