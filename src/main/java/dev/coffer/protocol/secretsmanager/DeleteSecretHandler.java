package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretLifecycle;

/** DeleteSecret: schedules deletion after a recovery window, or deletes at once when forced. */
public final class DeleteSecretHandler implements Operation {
  private final SecretLifecycle lifecycle;

  public DeleteSecretHandler(SecretLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public String name() {
    return "DeleteSecret";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    var days = in.integer("RecoveryWindowInDays", Long.MIN_VALUE, Long.MAX_VALUE);
    boolean force = in.bool("ForceDeleteWithoutRecovery").orElse(false);
    in.validate();
    var r = lifecycle.delete(ctx, secretId, days, force);
    return Json.object()
        .put("ARN", r.arn())
        .put("Name", r.name())
        .put("DeletionDate", Json.timestamp(r.deletionDate()));
  }
}
