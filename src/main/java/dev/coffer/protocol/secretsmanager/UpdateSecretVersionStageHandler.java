package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretsService;

/** UpdateSecretVersionStage. */
public final class UpdateSecretVersionStageHandler implements Operation {
  private final SecretsService secrets;

  public UpdateSecretVersionStageHandler(SecretsService secrets) {
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "UpdateSecretVersionStage";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    String stage = in.requiredString("VersionStage", 1, 256);
    var removeFrom = Members.versionId(in, "RemoveFromVersionId");
    var moveTo = Members.versionId(in, "MoveToVersionId");
    in.validate();
    var s = secrets.updateVersionStage(ctx, secretId, stage, removeFrom, moveTo);
    return Json.object().put("ARN", s.arn()).put("Name", s.name());
  }
}
