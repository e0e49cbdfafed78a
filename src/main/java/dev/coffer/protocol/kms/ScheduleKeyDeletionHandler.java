package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.Optional;

/**
 * ScheduleKeyDeletion: the key becomes PendingDeletion for a waiting period of 7 to 30 days
 * (default 30), after which the background job deletes it with its material and aliases.
 */
public final class ScheduleKeyDeletionHandler implements Operation {
  private final KeyService keys;

  public ScheduleKeyDeletionHandler(KeyService keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "ScheduleKeyDeletion";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    // The shape allows 1..365; the service documents and enforces 7..30.
    Optional<Integer> days = in.integer("PendingWindowInDays", 7, 30).map(Long::intValue);
    in.validate();
    KeyService.DeletionView d = keys.scheduleDeletion(ctx, keyId, days);
    ObjectNode out = Json.object();
    out.put("KeyId", d.keyArn());
    out.put("DeletionDate", Json.timestamp(d.deletionDate()));
    out.put("KeyState", "PendingDeletion");
    out.put("PendingWindowInDays", d.pendingWindowDays());
    return out;
  }
}
