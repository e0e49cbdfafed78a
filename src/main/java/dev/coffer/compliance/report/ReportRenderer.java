package dev.coffer.compliance.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Renders a {@link ReportModel} as a self-contained HTML page, a JSON document or CSV. */
public final class ReportRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportRenderer() {}

  public static byte[] render(ReportModel m, ReportFormat format) {
    String text =
        switch (format) {
          case HTML -> HtmlReport.render(m);
          case JSON -> json(m);
          case CSV -> csv(m);
        };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String requirements(List<FrameworkMapping.Requirement> rs) {
    return rs.stream()
        .map(FrameworkMapping.Requirement::toString)
        .collect(Collectors.joining("; "));
  }

  static List<FrameworkMapping.Requirement> requirements(ReportModel.RuleSummary r) {
    return r.control().map(FrameworkMapping.Control::requirements).orElse(List.of());
  }

  // ---- JSON ----

  static String json(ReportModel m) {
    ObjectNode root = JSON.createObjectNode();
    root.put("ReportType", "CofferComplianceReport");
    root.put("GeneratedAt", m.generatedAt().toString());
    root.put("AccountId", m.accountId());
    ArrayNode regions = root.putArray("Regions");
    m.regions().forEach(regions::add);
    ArrayNode rules = root.putArray("ComplianceByRule");
    for (ReportModel.RuleSummary r : m.byRule()) {
      ObjectNode n = rules.addObject();
      n.put("AccountId", r.accountId());
      n.put("Region", r.region());
      n.put("ConfigRuleName", r.ruleName());
      n.put("SourceIdentifier", r.sourceIdentifier());
      r.control().ifPresent(c -> n.put("SecurityControlId", c.id()));
      counts(n, r.counts());
      n.set("Requirements", requirementsJson(requirements(r)));
    }
    ArrayNode scopes = root.putArray("ComplianceByAccountAndRegion");
    for (ReportModel.ScopeSummary s : m.byScope()) {
      ObjectNode n = scopes.addObject();
      n.put("AccountId", s.accountId());
      n.put("Region", s.region());
      counts(n, s.counts());
    }
    ArrayNode days = root.putArray("ComplianceOverTime");
    for (ReportModel.DayPoint d : m.overTime()) {
      ObjectNode n = days.addObject();
      n.put("Date", d.day().toString());
      counts(n, d.counts());
    }
    ArrayNode findings = root.putArray("NonCompliantSecrets");
    for (ReportModel.Finding f : m.nonCompliant()) {
      ObjectNode n = findings.addObject();
      n.put("AccountId", f.accountId());
      n.put("Region", f.region());
      n.put("ConfigRuleName", f.ruleName());
      f.control().ifPresent(c -> n.put("SecurityControlId", c.id()));
      n.put("ResourceId", f.resourceId());
      n.put("Reason", f.reason());
      n.put("ResultRecordedTime", f.recordedAt().toString());
      n.set(
          "Requirements",
          requirementsJson(
              f.control().map(FrameworkMapping.Control::requirements).orElse(List.of())));
    }
    ArrayNode controls = root.putArray("Controls");
    for (ReportModel.ControlStatus c : m.controls()) {
      ObjectNode n = controls.addObject();
      n.put("Name", c.name());
      n.put("Category", c.category());
      n.put("Verification", c.verification().name());
      ArrayNode ev = n.putArray("Evidence");
      c.evidence().forEach(ev::add);
      n.set("Requirements", requirementsJson(c.requirements()));
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void counts(ObjectNode n, ReportModel.Counts c) {
    n.put("Compliant", c.compliant());
    n.put("NonCompliant", c.nonCompliant());
    n.put("NotApplicable", c.notApplicable());
  }

  private static ArrayNode requirementsJson(List<FrameworkMapping.Requirement> rs) {
    ArrayNode a = JSON.createArrayNode();
    for (FrameworkMapping.Requirement r : rs) {
      a.addObject().put("Framework", r.framework()).put("Requirement", r.id());
    }
    return a;
  }

  // ---- CSV (RFC 4180) ----

  private static final List<String> CSV_COLUMNS =
      List.of(
          "Section",
          "AccountId",
          "Region",
          "ConfigRuleName",
          "SecurityControlId",
          "ResourceId",
          "Date",
          "Compliant",
          "NonCompliant",
          "NotApplicable",
          "Detail",
          "Requirements");

  static String csv(ReportModel m) {
    StringBuilder out = new StringBuilder();
    row(out, CSV_COLUMNS);
    row(
        out,
        List.of(
            "Report",
            m.accountId(),
            String.join(" ", m.regions()),
            "",
            "",
            "",
            m.generatedAt().toString(),
            "",
            "",
            "",
            "CofferComplianceReport",
            ""));
    for (ReportModel.RuleSummary r : m.byRule()) {
      ReportModel.Counts c = r.counts();
      row(
          out,
          List.of(
              "ComplianceByRule",
              r.accountId(),
              r.region(),
              r.ruleName(),
              r.control().map(FrameworkMapping.Control::id).orElse(""),
              "",
              "",
              String.valueOf(c.compliant()),
              String.valueOf(c.nonCompliant()),
              String.valueOf(c.notApplicable()),
              r.sourceIdentifier(),
              requirements(requirements(r))));
    }
    for (ReportModel.ScopeSummary s : m.byScope()) {
      ReportModel.Counts c = s.counts();
      row(
          out,
          List.of(
              "ComplianceByAccountAndRegion",
              s.accountId(),
              s.region(),
              "",
              "",
              "",
              "",
              String.valueOf(c.compliant()),
              String.valueOf(c.nonCompliant()),
              String.valueOf(c.notApplicable()),
              "",
              ""));
    }
    for (ReportModel.DayPoint d : m.overTime()) {
      ReportModel.Counts c = d.counts();
      row(
          out,
          List.of(
              "ComplianceOverTime",
              "",
              "",
              "",
              "",
              "",
              d.day().toString(),
              String.valueOf(c.compliant()),
              String.valueOf(c.nonCompliant()),
              String.valueOf(c.notApplicable()),
              "",
              ""));
    }
    for (ReportModel.Finding f : m.nonCompliant()) {
      row(
          out,
          List.of(
              "NonCompliantSecret",
              f.accountId(),
              f.region(),
              f.ruleName(),
              f.control().map(FrameworkMapping.Control::id).orElse(""),
              f.resourceId(),
              f.recordedAt().toString(),
              "",
              "",
              "",
              f.reason(),
              requirements(
                  f.control().map(FrameworkMapping.Control::requirements).orElse(List.of()))));
    }
    for (ReportModel.ControlStatus c : m.controls()) {
      row(
          out,
          List.of(
              "Control",
              "",
              "",
              c.name(),
              c.verification().name(),
              "",
              "",
              "",
              "",
              "",
              String.join(" | ", c.evidence()),
              requirements(c.requirements())));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String v = cells.get(i);
      // Cells a spreadsheet would run as a formula are prefixed with a quote (CSV injection).
      if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
        v = "'" + v;
      }
      if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
        v = "\"" + v.replace("\"", "\"\"") + "\"";
      }
      out.append(v);
    }
    out.append("\r\n");
  }
}
