package dev.coffer.cli.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.KeyDirectory;
import dev.coffer.compliance.ManagedRule;
import dev.coffer.compliance.ManagedRules;
import dev.coffer.compliance.Verdict;
import dev.coffer.core.error.CofferException;
import dev.coffer.policy.AccessAnalyzer;
import dev.coffer.policy.AccessFinding;
import dev.coffer.policy.PolicyKind;
import dev.coffer.policy.PolicyParser;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The result of {@code coffer compliance scan}: each secret's verdict under each selected managed
 * rule, and the Access Analyzer-style findings of its resource policy, rendered as a text table,
 * JSON or CSV.
 */
final class ScanReport {
  /** The check name access findings are reported under. */
  static final String ACCESS_CHECK = "access-analyzer";

  /** One line of the result: a secret and what one check says about it. */
  record Row(String name, String arn, String check, ComplianceType type, String reason) {}

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
      String name = s.state().name();
      String arn = s.state().arn();
      for (var rule : rules.entrySet()) {
        Verdict v = ManagedRules.evaluate(rule.getKey(), rule.getValue(), s.state(), now, keys);
        rows.add(
            new Row(name, arn, rule.getKey().defaultName(), v.type(), v.annotation().orElse("")));
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
    String name = s.state().name();
    String arn = s.state().arn();
    if (s.resourcePolicy().isEmpty()) {
      return List.of(
          new Row(name, arn, ACCESS_CHECK, ComplianceType.NOT_APPLICABLE, "No resource policy."));
    }
    List<AccessFinding> findings;
    try {
      findings =
          AccessAnalyzer.analyze(
              PolicyParser.parse(s.resourcePolicy().get(), PolicyKind.RESOURCE),
              s.state().accountId());
    } catch (CofferException e) {
      return List.of(
          new Row(
              name,
              arn,
              ACCESS_CHECK,
              ComplianceType.NON_COMPLIANT,
              "The resource policy could not be analyzed: " + e.getMessage()));
    }
    if (findings.isEmpty()) {
      return List.of(
          new Row(
              name,
              arn,
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
          new Row(
              name,
              arn,
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
      default -> text();
    };
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
