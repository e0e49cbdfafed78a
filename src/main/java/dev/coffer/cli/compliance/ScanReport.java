package dev.coffer.cli.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.KeyDirectory;
import dev.coffer.compliance.ManagedRule;
import dev.coffer.compliance.ManagedRules;
import dev.coffer.compliance.SecretState;
import dev.coffer.compliance.Verdict;
import dev.coffer.compliance.report.FrameworkMapping;
import dev.coffer.compliance.report.ReportFormat;
import dev.coffer.compliance.report.ReportModel;
import dev.coffer.compliance.report.ReportRenderer;
import dev.coffer.core.error.CofferException;
import dev.coffer.policy.AccessAnalyzer;
import dev.coffer.policy.AccessFinding;
import dev.coffer.policy.PolicyKind;
import dev.coffer.policy.PolicyParser;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The result of {@code coffer compliance scan}: each secret's verdict under each selected managed
 * rule, and the Access Analyzer-style findings of its resource policy, rendered as a text table,
 * JSON, CSV, or the HTML page of {@code coffer compliance report} (drawn by its renderer).
 */
final class ScanReport {
  /** The check name access findings are reported under. */
  static final String ACCESS_CHECK = "access-analyzer";

  /** One line of the result: a secret and what one check says about it. */
  record Row(
      String accountId,
      String region,
      String name,
      String arn,
      String check,
      ComplianceType type,
      String reason) {
    /** What {@code check} says about {@code secret}. */
    static Row of(SecretState secret, String check, ComplianceType type, String reason) {
      return new Row(
          secret.accountId(), secret.region(), secret.name(), secret.arn(), check, type, reason);
    }
  }

  private final String endpoint;
  private final Instant evaluatedAt;
  private final List<Row> rows;

  private ScanReport(String endpoint, Instant evaluatedAt, List<Row> rows) {
    this.endpoint = endpoint;
    this.evaluatedAt = evaluatedAt;
    this.rows = List.copyOf(rows);
  }

  /**
   * Evaluates {@code rules} (each with its parameters) for every scanned secret at {@code now}.
   *
   * @throws UncheckedIOException when a KMS key could not be described
   */
  static ScanReport evaluate(
      String endpoint,
      List<EndpointScanner.Scanned> secrets,
      Map<ManagedRule, Map<String, String>> rules,
      KeyDirectory keys,
      Instant now) {
    List<Row> rows = new ArrayList<>();
    for (EndpointScanner.Scanned s : secrets) {
      for (var rule : rules.entrySet()) {
        Verdict v = ManagedRules.evaluate(rule.getKey(), rule.getValue(), s.state(), now, keys);
        rows.add(
            Row.of(s.state(), rule.getKey().defaultName(), v.type(), v.annotation().orElse("")));
      }
      rows.addAll(access(s));
    }
    return new ScanReport(endpoint, now, rows);
  }

  /**
   * Access findings: NON_COMPLIANT for each grant to another account or to the public; COMPLIANT
   * when the policy grants nothing outside the account; NOT_APPLICABLE without a policy.
   */
  private static List<Row> access(EndpointScanner.Scanned s) {
    if (s.resourcePolicy().isEmpty()) {
      return List.of(
          Row.of(s.state(), ACCESS_CHECK, ComplianceType.NOT_APPLICABLE, "No resource policy."));
    }
    List<AccessFinding> findings;
    try {
      findings =
          AccessAnalyzer.analyze(
              PolicyParser.parse(s.resourcePolicy().get(), PolicyKind.RESOURCE),
              s.state().accountId());
    } catch (CofferException e) {
      return List.of(
          Row.of(
              s.state(),
              ACCESS_CHECK,
              ComplianceType.NON_COMPLIANT,
              "The resource policy could not be analyzed: " + e.getMessage()));
    }
    if (findings.isEmpty()) {
      return List.of(
          Row.of(
              s.state(),
              ACCESS_CHECK,
              ComplianceType.COMPLIANT,
              "The resource policy grants no access outside the account."));
    }
    List<Row> out = new ArrayList<>();
    for (AccessFinding f : findings) {
      String who =
          f.isPublic()
              ? "the public"
              : f.externalAccounts().isEmpty()
                  ? "principals outside the account " + f.principal()
                  : "account(s) " + String.join(", ", new TreeSet<>(f.externalAccounts()));
      out.add(
          Row.of(
              s.state(),
              ACCESS_CHECK,
              ComplianceType.NON_COMPLIANT,
              "Statement "
                  + f.statementIndex()
                  + f.sid().map(sid -> " (" + sid + ")").orElse("")
                  + " grants "
                  + String.join(", ", f.actions())
                  + " to "
                  + who
                  + "."));
    }
    return out;
  }

  List<Row> rows() {
    return rows;
  }

  /** Whether any check found a secret NON_COMPLIANT. */
  boolean anyNonCompliant() {
    return rows.stream().anyMatch(r -> r.type() == ComplianceType.NON_COMPLIANT);
  }

  long count(ComplianceType type) {
    return rows.stream().filter(r -> r.type() == type).count();
  }

  String render(String format) {
    return switch (format) {
      case "json" -> json();
      case "csv" -> csv();
      case "html" ->
          new String(ReportRenderer.render(model(), ReportFormat.HTML), StandardCharsets.UTF_8);
      default -> text();
    };
  }

  /**
   * The scan as the model of the server's compliance report, so that the HTML page is drawn by the
   * same renderer: results by check (the managed rules with their Security Hub controls and
   * requirements, and the access analyzer), by account and region, and the non-compliant secrets
   * with why. It has no controls in force and no history (see {@code HtmlReport}).
   */
  ReportModel model() {
    Map<List<String>, int[]> byCheck = new TreeMap<>(LIST_ORDER);
    Map<List<String>, int[]> byScope = new TreeMap<>(LIST_ORDER);
    List<ReportModel.Finding> findings = new ArrayList<>();
    for (Row r : rows) {
      tally(
          byCheck.computeIfAbsent(List.of(r.accountId(), r.region(), r.check()), k -> new int[3]),
          r.type());
      tally(byScope.computeIfAbsent(List.of(r.accountId(), r.region()), k -> new int[3]), r.type());
      if (r.type() == ComplianceType.NON_COMPLIANT) {
        findings.add(
            new ReportModel.Finding(
                r.accountId(),
                r.region(),
                r.check(),
                control(r.check()),
                r.arn(),
                r.reason(),
                evaluatedAt));
      }
    }
    List<ReportModel.RuleSummary> rules = new ArrayList<>();
    byCheck.forEach((k, c) ->
        rules.add(
            new ReportModel.RuleSummary(
                k.get(0),
                k.get(1),
                k.get(2),
                identifier(k.get(2)),
                control(k.get(2)),
                new ReportModel.Counts(c[0], c[1], c[2]))));
    List<ReportModel.ScopeSummary> scopes = new ArrayList<>();
    byScope.forEach((k, c) ->
        scopes.add(
            new ReportModel.ScopeSummary(
                k.get(0), k.get(1), new ReportModel.Counts(c[0], c[1], c[2]))));
    return new ReportModel(
        evaluatedAt,
        String.join(", ", new TreeSet<>(rows.stream().map(Row::accountId).toList())),
        List.copyOf(new TreeSet<>(rows.stream().map(Row::region).toList())),
        rules,
        scopes,
        List.of(),
        findings,
        List.of(),
        Optional.of(endpoint));
  }

  private static final java.util.Comparator<List<String>> LIST_ORDER =
      (a, b) -> String.join("\n", a).compareTo(String.join("\n", b));

  private static void tally(int[] counts, ComplianceType type) {
    switch (type) {
      case COMPLIANT -> counts[0]++;
      case NON_COMPLIANT -> counts[1]++;
      case NOT_APPLICABLE -> counts[2]++;
      case INSUFFICIENT_DATA -> {}
    }
  }

  /** The managed rule's identifier for a check name; empty for the access analyzer. */
  private static String identifier(String check) {
    for (ManagedRule r : ManagedRule.values()) {
      if (r.defaultName().equals(check)) {
        return r.identifier();
      }
    }
    return "";
  }

  private static Optional<FrameworkMapping.Control> control(String check) {
    String id = identifier(check);
    return id.isEmpty() ? Optional.empty() : FrameworkMapping.forRule(id);
  }

  private String text() {
    int nameWidth = Math.max(6, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
    int checkWidth = Math.max(5, rows.stream().mapToInt(r -> r.check().length()).max().orElse(0));
    String line = "%-" + nameWidth + "s  %-" + checkWidth + "s  %-14s  %s%n";
    StringBuilder b = new StringBuilder();
    b.append(String.format(line, "SECRET", "CHECK", "RESULT", "REASON"));
    for (Row r : rows) {
      b.append(String.format(line, r.name(), r.check(), r.type(), r.reason()));
    }
    b.append(
        String.format(
            "%nScanned %s at %s: %d secret(s), %d compliant, %d non-compliant,"
                + " %d not applicable.%n",
            endpoint,
            evaluatedAt,
            rows.stream().map(Row::arn).distinct().count(),
            count(ComplianceType.COMPLIANT),
            count(ComplianceType.NON_COMPLIANT),
            count(ComplianceType.NOT_APPLICABLE)));
    return b.toString();
  }

  private String json() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("ReportType", "CofferComplianceScan");
    root.put("Endpoint", endpoint);
    root.put("EvaluatedAt", evaluatedAt.toString());
    ObjectNode summary = root.putObject("Summary");
    summary.put("COMPLIANT", count(ComplianceType.COMPLIANT));
    summary.put("NON_COMPLIANT", count(ComplianceType.NON_COMPLIANT));
    summary.put("NOT_APPLICABLE", count(ComplianceType.NOT_APPLICABLE));
    ArrayNode results = root.putArray("EvaluationResults");
    for (Row r : rows) {
      ObjectNode n = results.addObject();
      n.put("SecretName", r.name());
      n.put("ResourceId", r.arn());
      n.put("Check", r.check());
      n.put("ComplianceType", r.type().name());
      if (!r.reason().isEmpty()) {
        n.put("Annotation", r.reason());
      }
    }
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String csv() {
    StringBuilder b =
        new StringBuilder("SecretName,ResourceId,Check,ComplianceType,Annotation\r\n");
    for (Row r : rows) {
      b.append(cell(r.name()))
          .append(',')
          .append(cell(r.arn()))
          .append(',')
          .append(cell(r.check()))
          .append(',')
          .append(r.type().name())
          .append(',')
          .append(cell(r.reason()))
          .append("\r\n");
    }
    return b.toString();
  }

  /** RFC 4180 quoting; a leading formula character is defused for spreadsheets. */
  private static String cell(String v) {
    String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
