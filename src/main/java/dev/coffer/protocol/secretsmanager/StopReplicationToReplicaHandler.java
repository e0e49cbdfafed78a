package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.Replication;

/** StopReplicationToReplica: promotes a replica to a standalone secret in its own region. */
public final class StopReplicationToReplicaHandler implements Operation {
  private final Replication replication;

  public StopReplicationToReplicaHandler(Replication replication) {
    this.replication = replication;
  }

  @Override
  public String name() {
    return "StopReplicationToReplica";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    in.validate();
    return Json.object().put("ARN", replication.stopReplication(ctx, secretId));
  }
}
