package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.EvaluationFilter;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;
import java.util.Set;

/** GetComplianceDetailsByResource: every rule's result for one secret. */
final class GetComplianceDetailsByResourceHandler implements Operation {
  static final int PAGE = 100;
  private final ComplianceEngine engine;

  GetComplianceDetailsByResourceHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "GetComplianceDetailsByResource";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String type = in.requiredString("ResourceType", 1, 256);
    String id = in.requiredString("ResourceId", 1, 768);
    Set<ComplianceType> types = ConfigJson.complianceTypes(in);
    String binding = name() + "\n" + ctx.accountId() + "\n" + type + id + types;
    int offset = ConfigJson.offset(in, "NextToken", binding);
    in.validate();
    ObjectNode out = Json.object();
    if (!type.equals(EvaluationResult.SECRET_TYPE)) {
      out.putArray("EvaluationResults");
      return out;
    }
    List<EvaluationResult> rows =
        engine.results(
            EvaluationFilter.all()
                .withAccount(ctx.accountId())
                .withRegion(ctx.region())
                .withResource(id),
            types,
            offset,
            PAGE + 1);
    ConfigJson.page(
        out, "EvaluationResults", "NextToken", rows, offset, PAGE, binding, ConfigJson::result);
    return out;
  }
}
