package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** TagResource: adds tags or replaces the values of existing keys; no output. */
public final class TagResourceHandler implements Operation {
  private final KeyService keys;

  public TagResourceHandler(KeyService keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "TagResource";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    var tags = KmsMembers.tags(in, true);
    in.validate();
    keys.tag(ctx, keyId, tags);
    return Json.object();
  }
}
