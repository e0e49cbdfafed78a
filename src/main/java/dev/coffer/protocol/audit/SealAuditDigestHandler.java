package dev.coffer.protocol.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.AuditJson;
import dev.coffer.audit.AuditTrail;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.InternalServiceError;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** SealAuditDigest: seals every unsealed event now (export calls it so that it exports all). */
final class SealAuditDigestHandler implements Operation {
  private final AuditTrail trail;
  private final CofferAuditApi.Access access;

  SealAuditDigestHandler(AuditTrail trail, CofferAuditApi.Access access) {
    this.trail = trail;
    this.access = access;
  }

  @Override
  public String name() {
    return "SealAuditDigest";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    in.validate();
    access.check(ctx, name());
    ObjectNode out = Json.object();
    try {
      trail.sealNow().ifPresent(d -> out.set("Digest", AuditJson.digest(d)));
    } catch (RuntimeException e) {
      // The chain did not verify, or the store failed; the server log and /health say which.
      throw new InternalServiceError(
          "The audit trail could not be sealed; see GET /health and run coffer audit verify.");
    }
    return out;
  }
}
