package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** ListResourceTags in the order they were added; Limit 1..50, default 50. */
public final class ListResourceTagsHandler implements Operation {
  private final KeyService keys;

  public ListResourceTagsHandler(KeyService keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "ListResourceTags";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    Markers.Page page = Markers.read(in, 50, 50);
    in.validate();
    ObjectNode out = Json.object();
    Markers.write(
        out,
        "Tags",
        keys.listTags(ctx, keyId),
        page,
        "ListResourceTags|" + ctx.accountId() + "|" + ctx.region() + "|" + keyId,
        t -> {
          ObjectNode o = Json.object();
          o.put("TagKey", t.key());
          o.put("TagValue", t.value());
          return o;
        });
    return out;
  }
}
