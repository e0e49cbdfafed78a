package dev.coffer.protocol.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.AuditReader;
import dev.coffer.core.RequestContext;
import dev.coffer.core.audit.AuditHead;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** GetAuditHead: how far the log and its digests reach, and what was archived. */
final class GetAuditHeadHandler implements Operation {
  private final AuditReader reader;
  private final CofferAuditApi.Access access;

  GetAuditHeadHandler(AuditReader reader, CofferAuditApi.Access access) {
    this.reader = reader;
    this.access = access;
  }

  @Override
  public String name() {
    return "GetAuditHead";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    in.validate();
    access.check(ctx, name());
    AuditHead h = reader.head();
    return Json.object()
        .put("LastEventSequence", h.lastSeq())
        .put("LastDigestSequence", h.lastDigestSeq())
        .put("ArchivedDigestSequence", h.archivedDigestSeq());
  }
}
