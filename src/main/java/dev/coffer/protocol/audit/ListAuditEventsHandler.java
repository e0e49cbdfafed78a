package dev.coffer.protocol.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.AuditJson;
import dev.coffer.audit.AuditReader;
import dev.coffer.core.RequestContext;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;

/** ListAuditEvents: stored events in sequence order, or the newest {@code Latest} of them. */
final class ListAuditEventsHandler implements Operation {
  private final AuditReader reader;
  private final CofferAuditApi.Access access;

  ListAuditEventsHandler(AuditReader reader, CofferAuditApi.Access access) {
    this.reader = reader;
    this.access = access;
  }

  @Override
  public String name() {
    return "ListAuditEvents";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    long from = in.integer("FromSequence", 1, Long.MAX_VALUE).orElse(1L);
    long to = in.integer("ToSequence", 1, Long.MAX_VALUE).orElse(Long.MAX_VALUE);
    var latest = in.integer("Latest", 1, CofferAuditApi.MAX_PAGE);
    int max =
        (int)
            (long)
                in.integer("MaxResults", 1, CofferAuditApi.MAX_PAGE)
                    .orElse((long) CofferAuditApi.MAX_PAGE);
    in.validate();
    access.check(ctx, name());
    List<StoredAuditEvent> rows =
        latest.isPresent()
            ? reader.latest((int) (long) latest.get())
            : reader.events(from, to, max + 1);
    ObjectNode out = Json.object();
    ArrayNode events = out.putArray("Events");
    int shown = latest.isPresent() ? rows.size() : Math.min(max, rows.size());
    for (StoredAuditEvent r : rows.subList(0, shown)) {
      events.add(AuditJson.event(r));
    }
    if (latest.isEmpty() && rows.size() > max) {
      out.put("NextSequence", rows.get(max).seq());
    }
    return out;
  }
}
