package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.remediation.RemediationExceptionEntry;
import dev.coffer.compliance.remediation.Remediations;
import dev.coffer.compliance.remediation.ResourceKey;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.protocol.PageToken;
import java.util.List;
import java.util.Optional;

/** DescribeRemediationExceptions: the rule's exceptions; Limit 0–100 (default 25), NextToken. */
final class DescribeRemediationExceptionsHandler implements Operation {
  private final Remediations remediations;

  DescribeRemediationExceptionsHandler(Remediations remediations) {
    this.remediations = remediations;
  }

  @Override
  public String name() {
    return "DescribeRemediationExceptions";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String rule = in.requiredString("ConfigRuleName", 1, 128);
    List<ResourceKey> keys = RemediationWire.exceptionKeys(in, false);
    int limit = in.integer("Limit", 0, 100).map(Long::intValue).filter(l -> l > 0).orElse(25);
    Optional<String> token = in.string("NextToken", 0, 1024);
    in.validate();
    String binding =
        String.join("\n", "exceptions", ctx.accountId(), ctx.region(), rule, keys.toString());
    int offset = token.filter(t -> !t.isEmpty()).map(t -> PageToken.decode(t, binding)).orElse(0);
    List<RemediationExceptionEntry> all =
        remediations.exceptions(ctx.accountId(), ctx.region(), rule, keys);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("RemediationExceptions");
    int end = Math.min(all.size(), offset + limit);
    for (int i = Math.min(offset, end); i < end; i++) {
      list.add(RemediationWire.exception(all.get(i)));
    }
    if (end < all.size()) {
      out.put("NextToken", PageToken.encode(end, binding));
    }
    return out;
  }
}
