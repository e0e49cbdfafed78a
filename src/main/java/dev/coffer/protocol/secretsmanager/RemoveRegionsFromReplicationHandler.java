package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.Replication;
import java.util.List;

/** RemoveRegionsFromReplication: deletes a primary secret's replicas in the given regions. */
public final class RemoveRegionsFromReplicationHandler implements Operation {
  private final Replication replication;

  public RemoveRegionsFromReplicationHandler(Replication replication) {
    this.replication = replication;
  }

  @Override
  public String name() {
    return "RemoveRegionsFromReplication";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    List<String> regions =
        in.requiredStringList("RemoveReplicaRegions", 1, Integer.MAX_VALUE, 1, 128, Members.REGION);
    in.validate();
    Replication.ReplicationResult r = replication.removeRegions(ctx, secretId, regions);
    ObjectNode out = Json.object().put("ARN", r.arn());
    out.set("ReplicationStatus", SecretJson.replicationStatus(r.replicationStatus()));
    return out;
  }
}
