package dev.coffer.protocol.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.AuditJson;
import dev.coffer.audit.AuditReader;
import dev.coffer.core.RequestContext;
import dev.coffer.core.audit.AuditDigest;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.time.Instant;
import java.util.List;

/** ListAuditDigests: signed digests in order, optionally those overlapping a time range. */
final class ListAuditDigestsHandler implements Operation {
  private final AuditReader reader;
  private final CofferAuditApi.Access access;

  ListAuditDigestsHandler(AuditReader reader, CofferAuditApi.Access access) {
    this.reader = reader;
    this.access = access;
  }

  @Override
  public String name() {
    return "ListAuditDigests";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    long from = in.integer("FromDigestSequence", 1, Long.MAX_VALUE).orElse(1L);
    Instant start = in.timestamp("StartTime").orElse(Instant.EPOCH);
    Instant end = in.timestamp("EndTime").orElse(Instant.parse("9999-12-31T23:59:59Z"));
    int max =
        (int)
            (long)
                in.integer("MaxResults", 1, CofferAuditApi.MAX_PAGE)
                    .orElse((long) CofferAuditApi.MAX_PAGE);
    in.validate();
    access.check(ctx, name());
    List<AuditDigest> rows = reader.digests(from, start, end, max + 1);
    ObjectNode out = Json.object();
    ArrayNode digests = out.putArray("Digests");
    for (AuditDigest d : rows.subList(0, Math.min(max, rows.size()))) {
      digests.add(AuditJson.digest(d));
    }
    if (rows.size() > max) {
      out.put("NextDigestSequence", rows.get(max).digestSeq());
    }
    return out;
  }
}
