package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.RotationService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/**
 * RotateKeyOnDemand: adds new current material at once (the rotation has completed when the call
 * returns, so GetKeyRotationStatus never shows one in progress); at most 25 per key.
 */
public final class RotateKeyOnDemandHandler implements Operation {
  private final RotationService rotation;

  public RotateKeyOnDemandHandler(RotationService rotation) {
    this.rotation = rotation;
  }

  @Override
  public String name() {
    return "RotateKeyOnDemand";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    in.validate();
    ObjectNode out = Json.object();
    out.put("KeyId", rotation.rotateNow(ctx, keyId));
    return out;
  }
}
