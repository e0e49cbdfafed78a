package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** CancelKeyDeletion: a key pending deletion returns to Disabled; answers the key ARN. */
public final class CancelKeyDeletionHandler implements Operation {
  private final KeyService keys;

  public CancelKeyDeletionHandler(KeyService keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "CancelKeyDeletion";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    in.validate();
    ObjectNode out = Json.object();
    out.put("KeyId", keys.cancelDeletion(ctx, keyId));
    return out;
  }
}
