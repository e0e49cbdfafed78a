package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretLifecycle;

/** RestoreSecret: cancels a scheduled deletion. */
public final class RestoreSecretHandler implements Operation {
  private final SecretLifecycle lifecycle;

  public RestoreSecretHandler(SecretLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public String name() {
    return "RestoreSecret";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    in.validate();
    var s = lifecycle.restore(ctx, secretId);
    return Json.object().put("ARN", s.arn()).put("Name", s.name());
  }
}
