package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.RotationService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** GetKeyRotationStatus: whether automatic rotation is on, its period and next date. */
public final class GetKeyRotationStatusHandler implements Operation {
  private final RotationService rotation;

  public GetKeyRotationStatusHandler(RotationService rotation) {
    this.rotation = rotation;
  }

  @Override
  public String name() {
    return "GetKeyRotationStatus";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    in.validate();
    RotationService.Status s = rotation.status(ctx, keyId);
    ObjectNode out = Json.object();
    out.put("KeyRotationEnabled", s.enabled());
    out.put("KeyId", s.keyArn());
    s.periodDays().ifPresent(d -> out.put("RotationPeriodInDays", d));
    Json.putTimeIfPresent(out, "NextRotationDate", s.next());
    return out;
  }
}
