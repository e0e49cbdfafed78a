package dev.coffer.protocol.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.report.ReportFormat;
import dev.coffer.compliance.report.ReportService;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** GenerateReport: a signed compliance report in the requested format. */
final class GenerateReportHandler implements Operation {
  private final ReportService reports;
  private final CofferComplianceApi.ReportAccess access;

  GenerateReportHandler(ReportService reports, CofferComplianceApi.ReportAccess access) {
    this.reports = reports;
    this.access = access;
  }

  @Override
  public String name() {
    return "GenerateReport";
  }

  @Override
  public boolean readOnly() {
    return true; // reads evaluations and verifies the audit chain; changes nothing
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String f = in.enumString("Format", List.of("html", "json", "csv")).orElse("html");
    in.validate();
    access.check(ctx, name());
    ReportFormat format = ReportFormat.parse(f).orElseThrow();
    ReportService.SignedReport r = reports.generate(ctx, format);
    ObjectNode out = Json.object();
    out.put("Format", format.id());
    out.put("ContentType", format.contentType());
    out.put("GeneratedAt", r.signature().signedAt().toString());
    out.put("Report", new String(r.document(), StandardCharsets.UTF_8));
    out.put("Signature", r.signature().toJson());
    return out;
  }
}
