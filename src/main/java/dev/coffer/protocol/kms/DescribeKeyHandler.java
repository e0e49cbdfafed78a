package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** DescribeKey by key id, key ARN, alias name or alias ARN. */
public final class DescribeKeyHandler implements Operation {
  private final KeyService keys;

  public DescribeKeyHandler(KeyService keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "DescribeKey";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    KmsMembers.grantTokens(in);
    in.validate();
    ObjectNode out = Json.object();
    out.set("KeyMetadata", KmsJson.keyMetadata(keys.describe(ctx, keyId)));
    return out;
  }
}
