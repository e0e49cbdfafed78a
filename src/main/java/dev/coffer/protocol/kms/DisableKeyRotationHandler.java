package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.RotationService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** DisableKeyRotation: stops automatic rotation; existing material stays; no output. */
public final class DisableKeyRotationHandler implements Operation {
  private final RotationService service;

  public DisableKeyRotationHandler(RotationService service) {
    this.service = service;
  }

  @Override
  public String name() {
    return "DisableKeyRotation";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    in.validate();
    service.disable(ctx, keyId);
    return Json.object();
  }
}
