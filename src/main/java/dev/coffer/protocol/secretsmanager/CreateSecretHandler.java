package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretsService;

/** CreateSecret. */
public final class CreateSecretHandler implements Operation {
  private final SecretsService secrets;

  public CreateSecretHandler(SecretsService secrets) {
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "CreateSecret";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    var req =
        new SecretsService.CreateRequest(
            in.requiredString("Name", 1, 512),
            Members.clientRequestToken(in),
            Members.description(in),
            Members.kmsKeyId(in),
            Members.payload(in),
            Members.tags(in, false),
            in.string("Type", 0, 256),
            Members.replicaRegions(in, false),
            in.bool("ForceOverwriteReplicaSecret").orElse(false));
    in.validate();
    SecretsService.WriteResult r = secrets.create(ctx, req);
    ObjectNode out = Json.object().put("ARN", r.arn()).put("Name", r.name());
    Json.putIfPresent(out, "VersionId", r.versionId());
    if (!req.addReplicaRegions().isEmpty()) {
      // The outcome of each replica (InSync, or Failed and why), as DescribeSecret shows it.
      out.set("ReplicationStatus", SecretJson.replicationStatus(r.replicationStatus()));
    }
    return out;
  }
}
