package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** UntagResource: removes tags by key; keys the key does not have are ignored. */
public final class UntagResourceHandler implements Operation {
  private final KeyService keys;

  public UntagResourceHandler(KeyService keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "UntagResource";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    var tagKeys = in.requiredStringList("TagKeys", 0, Integer.MAX_VALUE, 1, 128);
    in.validate();
    keys.untag(ctx, keyId, tagKeys);
    return Json.object();
  }
}
