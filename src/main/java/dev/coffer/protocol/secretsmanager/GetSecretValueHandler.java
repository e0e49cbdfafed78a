package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretValueView;
import dev.coffer.secrets.SecretsService;

/** GetSecretValue. */
public final class GetSecretValueHandler implements Operation {
  private final SecretsService secrets;

  public GetSecretValueHandler(SecretsService secrets) {
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "GetSecretValue";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    var versionId = Members.versionId(in, "VersionId");
    var stage = in.string("VersionStage", 1, 256);
    in.validate();
    return write(secrets.getValue(ctx, secretId, versionId, stage));
  }

  /** The GetSecretValue output shape (also each entry of BatchGetSecretValue). */
  static ObjectNode write(SecretValueView v) {
    ObjectNode out = Json.object().put("ARN", v.arn()).put("Name", v.name());
    out.put("VersionId", v.versionId());
    if (v.payload().isBinary()) {
      out.put("SecretBinary", v.payload().bytes());
    } else {
      out.put("SecretString", v.payload().string());
    }
    out.set("VersionStages", Json.strings(v.versionStages()));
    out.put("CreatedDate", Json.timestamp(v.createdDate()));
    return out;
  }
}
