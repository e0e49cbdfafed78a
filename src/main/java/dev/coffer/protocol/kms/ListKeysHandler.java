package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** ListKeys: key ids and ARNs, oldest first; Limit 1..1000, default 100. */
public final class ListKeysHandler implements Operation {
  private final KeyService keys;

  public ListKeysHandler(KeyService keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "ListKeys";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    Markers.Page page = Markers.read(in, 1000, 100);
    in.validate();
    ObjectNode out = Json.object();
    Markers.write(
        out,
        "Keys",
        keys.list(ctx),
        page,
        "ListKeys|" + ctx.accountId() + "|" + ctx.region(),
        k -> {
          ObjectNode o = Json.object();
          o.put("KeyId", k.keyId());
          o.put("KeyArn", k.arn());
          return o;
        });
    return out;
  }
}
