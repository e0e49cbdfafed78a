package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretsService;

/** UntagResource: removes tags by key; no output. */
public final class UntagResourceHandler implements Operation {
  private final SecretsService secrets;

  public UntagResourceHandler(SecretsService secrets) {
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "UntagResource";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    var keys = in.requiredStringList("TagKeys", 0, Integer.MAX_VALUE, 1, 128);
    in.validate();
    secrets.untag(ctx, secretId, keys);
    return Json.object();
  }
}
