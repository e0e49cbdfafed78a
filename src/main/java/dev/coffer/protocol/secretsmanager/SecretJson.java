package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.protocol.Json;
import dev.coffer.secrets.SecretView;
import java.util.List;
import java.util.Map;

/** Writes secrets' metadata in the shapes DescribeSecret and ListSecrets (SecretListEntry) use. */
final class SecretJson {
  private SecretJson() {}

  /** The members DescribeSecret and a SecretListEntry share; absent values are left out. */
  static ObjectNode describe(SecretView s, String versionsMember) {
    ObjectNode o = Json.object();
    o.put("ARN", s.arn());
    o.put("Name", s.name());
    s.type().ifPresent(v -> o.put("Type", v));
    Json.putIfPresent(o, "Description", s.description());
    Json.putIfPresent(o, "KmsKeyId", s.kmsKeyId());
    s.rotationEnabled().ifPresent(v -> o.put("RotationEnabled", v));
    Json.putIfPresent(o, "RotationLambdaARN", s.rotationLambdaArn());
    s.rotationRulesJson().ifPresent(r -> o.set("RotationRules", parse(r)));
    Json.putTimeIfPresent(o, "LastRotatedDate", s.lastRotatedDate());
    o.put("LastChangedDate", Json.timestamp(s.lastChangedDate()));
    Json.putDateIfPresent(o, "LastAccessedDate", s.lastAccessedDate());
    Json.putTimeIfPresent(o, "DeletedDate", s.deletedDate());
    Json.putTimeIfPresent(o, "NextRotationDate", s.nextRotationDate());
    if (!s.tags().isEmpty()) {
      o.set("Tags", tags(s.tags()));
    }
    Map<String, List<String>> stages = s.versionIdsToStages();
    if (!stages.isEmpty()) {
      ObjectNode v = o.putObject(versionsMember);
      stages.forEach((id, labels) -> v.set(id, Json.strings(labels)));
    }
    Json.putIfPresent(o, "OwningService", s.owningService());
    o.put("CreatedDate", Json.timestamp(s.createdDate()));
    Json.putIfPresent(o, "PrimaryRegion", s.primaryRegion());
    if (!s.replicationStatus().isEmpty()) {
      o.set("ReplicationStatus", replicationStatus(s.replicationStatus()));
    }
    return o;
  }

  static ArrayNode tags(List<SecretView.TagView> tags) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (SecretView.TagView t : tags) {
      a.addObject().put("Key", t.key()).put("Value", t.value());
    }
    return a;
  }

  static ArrayNode replicationStatus(List<SecretView.ReplicaView> replicas) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (SecretView.ReplicaView r : replicas) {
      ObjectNode o = a.addObject();
      o.put("Region", r.region());
      Json.putIfPresent(o, "KmsKeyId", r.kmsKeyId());
      o.put("Status", r.status());
      Json.putIfPresent(o, "StatusMessage", r.statusMessage());
      Json.putDateIfPresent(o, "LastAccessedDate", r.lastAccessedDate());
    }
    return a;
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored rotation rules are not JSON", e);
    }
  }
}
