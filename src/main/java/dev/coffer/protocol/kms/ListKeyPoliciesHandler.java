package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** ListKeyPolicies: always {@code ["default"]}; Limit 1..1000, default 100. */
public final class ListKeyPoliciesHandler implements Operation {
  private final KeyService keys;

  public ListKeyPoliciesHandler(KeyService keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "ListKeyPolicies";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    Markers.Page page = Markers.read(in, 1000, 100);
    in.validate();
    ObjectNode out = Json.object();
    Markers.write(
        out,
        "PolicyNames",
        keys.listPolicies(ctx, keyId),
        page,
        "ListKeyPolicies|" + ctx.accountId() + "|" + ctx.region() + "|" + keyId,
        n -> Json.MAPPER.getNodeFactory().textNode(n));
    return out;
  }
}
