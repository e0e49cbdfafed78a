package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.RotationService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;

/**
 * ListKeyRotations: completed rotations oldest first (with ALL_KEY_MATERIAL also the first
 * material); Limit 1..1000, default 100.
 */
public final class ListKeyRotationsHandler implements Operation {
  private final RotationService rotation;

  public ListKeyRotationsHandler(RotationService rotation) {
    this.rotation = rotation;
  }

  @Override
  public String name() {
    return "ListKeyRotations";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    String include =
        in.enumString("IncludeKeyMaterial", List.of("ALL_KEY_MATERIAL", "ROTATIONS_ONLY"))
            .orElse("ROTATIONS_ONLY");
    Markers.Page page = Markers.read(in, 1000, 100);
    in.validate();
    ObjectNode out = Json.object();
    Markers.write(
        out,
        "Rotations",
        rotation.list(ctx, keyId, include.equals("ALL_KEY_MATERIAL")),
        page,
        "ListKeyRotations|" + ctx.accountId() + "|" + ctx.region() + "|" + keyId + "|" + include,
        r -> {
          ObjectNode o = Json.object();
          o.put("KeyId", r.keyId());
          o.put("KeyMaterialId", r.materialId());
          o.put("KeyMaterialState", r.current() ? "CURRENT" : "NON_CURRENT");
          Json.putTimeIfPresent(o, "RotationDate", r.rotationDate());
          Json.putIfPresent(o, "RotationType", r.rotationType());
          return o;
        });
    return out;
  }
}
