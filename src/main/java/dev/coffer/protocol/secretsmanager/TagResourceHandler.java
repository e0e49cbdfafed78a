package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretsService;

/** TagResource: adds tags or overwrites the values of existing keys; no output. */
public final class TagResourceHandler implements Operation {
  private final SecretsService secrets;

  public TagResourceHandler(SecretsService secrets) {
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "TagResource";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    var tags = Members.tags(in, true);
    in.validate();
    secrets.tag(ctx, secretId, tags);
    return Json.object();
  }
}
