package dev.coffer.server;

import dev.coffer.audit.AuditEvents;
import dev.coffer.audit.AuditLog;
import dev.coffer.secrets.RotationEvent;
import dev.coffer.secrets.RotationEvents;
import dev.coffer.secrets.SecretArns;
import java.util.List;

/**
 * Records rotation outcomes as CloudTrail service events (Secrets Manager User Guide, "Logging with
 * CloudTrail": RotationStarted, RotationSucceeded, RotationFailed, RotationAbandoned,
 * TestRotationStarted/Succeeded/Failed). Per-step progress is a metric, not an event, as in AWS.
 */
final class RotationAudit implements RotationEvents {
  private final AuditLog log;

  RotationAudit(AuditLog log) {
    this.log = log;
  }

  @Override
  public void emit(RotationEvent event) {
    if (event.name().equals(RotationEvent.STEP)) {
      return;
    }
    SecretArns.Parsed arn = SecretArns.parse(event.secretArn()).orElseThrow();
    var data =
        AuditEvents.JSON_NODES
            .objectNode()
            .put("SecretId", event.secretArn())
            .put("VersionId", event.versionId())
            .put("Scheduled", event.scheduled());
    event.step().ifPresent(s -> data.put("Step", s));
    event.reason().ifPresent(r -> data.put("Reason", r));
    log.record(
        List.of(
            AuditEvents.serviceEvent(
                event.at(),
                arn.accountId(),
                arn.region(),
                "secretsmanager.amazonaws.com",
                event.name(),
                event.secretArn(),
                data)));
  }
}
