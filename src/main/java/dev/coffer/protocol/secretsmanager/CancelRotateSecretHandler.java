package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretRotation;

/** CancelRotateSecret. */
public final class CancelRotateSecretHandler implements Operation {
  private final SecretRotation rotation;

  public CancelRotateSecretHandler(SecretRotation rotation) {
    this.rotation = rotation;
  }

  @Override
  public String name() {
    return "CancelRotateSecret";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    in.validate();
    var r = rotation.cancel(ctx, secretId);
    ObjectNode out = Json.object().put("ARN", r.arn()).put("Name", r.name());
    Json.putIfPresent(out, "VersionId", r.versionId());
    return out;
  }
}
