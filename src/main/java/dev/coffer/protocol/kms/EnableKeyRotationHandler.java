package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.RotationService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.Optional;

/** EnableKeyRotation: automatic rotation every RotationPeriodInDays (90..2560, default 365). */
public final class EnableKeyRotationHandler implements Operation {
  private final RotationService rotation;

  public EnableKeyRotationHandler(RotationService rotation) {
    this.rotation = rotation;
  }

  @Override
  public String name() {
    return "EnableKeyRotation";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    Optional<Integer> days = in.integer("RotationPeriodInDays", 90, 2560).map(Long::intValue);
    in.validate();
    rotation.enable(ctx, keyId, days);
    return Json.object();
  }
}
