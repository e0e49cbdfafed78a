package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.InvalidParameterException;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretsService;

/** PutSecretValue. */
public final class PutSecretValueHandler implements Operation {
  private final SecretsService secrets;

  public PutSecretValueHandler(SecretsService secrets) {
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "PutSecretValue";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    var token = Members.clientRequestToken(in);
    var payload = Members.payload(in);
    var stages = in.stringList("VersionStages", 1, 20, 1, 256);
    in.string("RotationToken", 36, 256);
    in.validate();
    var r =
        secrets.putValue(
            ctx,
            new SecretsService.PutRequest(
                secretId,
                token,
                payload.orElseThrow(() ->
                    new InvalidParameterException(
                        "You must provide either SecretString or SecretBinary.")),
                stages));
    ObjectNode out = Json.object().put("ARN", r.arn()).put("Name", r.name());
    Json.putIfPresent(out, "VersionId", r.versionId());
    out.set("VersionStages", Json.strings(r.versionStages()));
    return out;
  }
}
