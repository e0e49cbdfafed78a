package dev.coffer.protocol.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ControlFinding;
import dev.coffer.compliance.SecurityControl;
import dev.coffer.compliance.SecurityHubControls;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.InvalidParameterValueException;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.protocol.PageToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GetFindings: Security Hub control findings (SecretsManager.1–.5) for every secret, as ASFF. */
final class GetFindingsHandler implements Operation {
  static final int MAX = 100;
  private final ComplianceEngine engine;

  GetFindingsHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "GetFindings";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    Optional<JsonInput> filters = in.struct("Filters");
    List<String> controlIds = List.of();
    List<String> statuses = List.of();
    if (filters.isPresent()) {
      controlIds = filters.get().stringList("SecurityControlId", 0, 5, 1, 64).orElse(List.of());
      statuses = filters.get().stringList("ComplianceStatus", 0, 3, 1, 64).orElse(List.of());
    }
    List<JsonInput> given = in.structList("ControlParameters", 0, 20).orElse(List.of());
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    for (JsonInput p : given) {
      String control = p.requiredString("SecurityControlId", 1, 64);
      p.requiredString("Name", 1, 64);
      List<String> values = p.stringList("Value", 1, 6, 1, 128).orElse(List.of());
      parameters.put(control, values);
      keys.add(control + "=" + values);
    }
    int max = (int) (long) in.integer("MaxResults", 1, MAX).orElse((long) MAX);
    String binding = name() + "\n" + ctx.accountId() + "\n" + controlIds + statuses + keys + max;
    int offset = in.string("NextToken", 1, 4096).map(t -> PageToken.decode(t, binding)).orElse(0);
    in.validate();
    List<SecurityControl> controls = new ArrayList<>();
    if (controlIds.isEmpty()) {
      controls.addAll(List.of(SecurityControl.values()));
    } else {
      for (String id : controlIds) {
        controls.add(
            SecurityControl.byId(id)
                .orElseThrow(() ->
                    new InvalidParameterValueException(
                        "Unknown SecurityControlId " + id + "; use SecretsManager.1 to .5.")));
      }
    }
    for (String id : parameters.keySet()) {
      if (SecurityControl.byId(id).isEmpty()) {
        throw new InvalidParameterValueException("Unknown SecurityControlId " + id + ".");
      }
    }
    List<String> wanted = statuses;
    List<ControlFinding> all =
        SecurityHubControls.evaluate(
                engine.secrets(ctx.accountId(), ctx.region()),
                controls,
                parameters,
                engine.clock().instant())
            .stream()
            .filter(f -> wanted.isEmpty() || wanted.contains(f.status()))
            .toList();
    ObjectNode out = Json.object();
    var findings = out.putArray("Findings");
    int end = Math.min(all.size(), offset + max);
    for (ControlFinding f : all.subList(Math.min(offset, all.size()), end)) {
      findings.add(AsffJson.finding(f));
    }
    if (end < all.size()) {
      out.put("NextToken", PageToken.encode(end, binding));
    }
    return out;
  }
}
