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
 * TestRotationStarted/Succeeded/Failed), and each step as a {@code RotationStep} event with its
 * {@code Step}, whether it {@code Succeeded} and, like every rotation event, whether the rotation
 * was {@code Scheduled}.
 */
final class RotationAudit implements RotationEvents {
  private final AuditLog log;

  RotationAudit(AuditLog log) {
    this.log = log;
  }

  @Override
  public void emit(RotationEvent event) {
    SecretArns.Parsed arn = SecretArns.parse(event.secretArn()).orElseThrow();
    var data =
        AuditEvents.JSON_NODES
            .objectNode()
            .put("SecretId", event.secretArn())
            .put("VersionId", event.versionId())
            .put("Scheduled", event.scheduled());
    event.step().ifPresent(s -> data.put("Step", s));
    if (event.name().equals(RotationEvent.STEP)) {
      data.put("Succeeded", event.succeeded());
    }
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
