package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.Replication;

/** ReplicateSecretToRegions: adds replica regions to a primary secret. */
public final class ReplicateSecretToRegionsHandler implements Operation {
  private final Replication replication;

  public ReplicateSecretToRegionsHandler(Replication replication) {
    this.replication = replication;
  }

  @Override
  public String name() {
    return "ReplicateSecretToRegions";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    var regions = Members.replicaRegions(in, true);
    boolean force = in.bool("ForceOverwriteReplicaSecret").orElse(false);
    in.validate();
    Replication.ReplicationResult r = replication.replicate(ctx, secretId, regions, force);
    ObjectNode out = Json.object().put("ARN", r.arn());
    out.set("ReplicationStatus", SecretJson.replicationStatus(r.replicationStatus()));
    return out;
  }
}
