package dev.coffer.protocol.compliance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ExternalAccessFinding;
import dev.coffer.core.RequestContext;
import dev.coffer.policy.AccessFinding;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.protocol.PageToken;
import java.util.List;
import java.util.Map;

/**
 * ListAccessAnalyzerFindings: external-access findings for secrets, in IAM Access Analyzer's {@code
 * FindingSummary} shape (lowerCamel members; findingType ExternalAccess, status ACTIVE).
 */
final class ListAccessAnalyzerFindingsHandler implements Operation {
  static final int MAX = 100;
  private final ComplianceEngine engine;

  ListAccessAnalyzerFindingsHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "ListAccessAnalyzerFindings";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    int max = (int) (long) in.integer("maxResults", 1, MAX).orElse((long) MAX);
    String binding = name() + "\n" + ctx.accountId() + "\n" + max;
    int offset = in.string("nextToken", 1, 4096).map(t -> PageToken.decode(t, binding)).orElse(0);
    in.validate();
    List<ExternalAccessFinding> all =
        ExternalAccessFinding.analyze(
            engine.secrets(ctx.accountId(), ctx.region()), engine.clock().instant());
    ObjectNode out = Json.object();
    ArrayNode findings = out.putArray("findings");
    int end = Math.min(all.size(), offset + max);
    for (ExternalAccessFinding f : all.subList(Math.min(offset, all.size()), end)) {
      findings.add(render(f));
    }
    if (end < all.size()) {
      out.put("nextToken", PageToken.encode(end, binding));
    }
    return out;
  }

  private static ObjectNode render(ExternalAccessFinding f) {
    AccessFinding a = f.access();
    ObjectNode o = Json.object();
    o.put("id", f.id());
    o.set("principal", map(a.principal()));
    o.set("action", Json.strings(a.actions()));
    o.put("resource", f.secret().arn());
    o.put("isPublic", a.isPublic());
    o.put("resourceType", "AWS::SecretsManager::Secret");
    o.set("condition", map(a.condition()));
    o.put("createdAt", Json.timestamp(f.analyzedAt()));
    o.put("analyzedAt", Json.timestamp(f.analyzedAt()));
    o.put("updatedAt", Json.timestamp(f.analyzedAt()));
    o.put("status", "ACTIVE");
    o.put("resourceOwnerAccount", f.secret().accountId());
    o.put("findingType", "ExternalAccess");
    o.putArray("sources").addObject().put("type", "POLICY");
    a.sid().ifPresent(s -> o.put("statementId", s));
    o.put("statementIndex", a.statementIndex());
    return o;
  }

  /** A principal or condition map as Access Analyzer shows it: each key with its values joined. */
  private static ObjectNode map(Map<String, List<String>> m) {
    ObjectNode o = Json.object();
    m.forEach((k, v) -> o.put(k, String.join(",", v)));
    return o;
  }
}
