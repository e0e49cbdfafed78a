package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretsService;

/** UpdateSecret. */
public final class UpdateSecretHandler implements Operation {
  private final SecretsService secrets;

  public UpdateSecretHandler(SecretsService secrets) {
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "UpdateSecret";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    var req =
        new SecretsService.UpdateRequest(
            Members.secretId(in),
            Members.clientRequestToken(in),
            Members.description(in),
            Members.kmsKeyId(in),
            Members.payload(in),
            in.string("Type", 0, 256));
    in.validate();
    var r = secrets.update(ctx, req);
    ObjectNode out = Json.object().put("ARN", r.arn()).put("Name", r.name());
    Json.putIfPresent(out, "VersionId", r.versionId());
    return out;
  }
}
