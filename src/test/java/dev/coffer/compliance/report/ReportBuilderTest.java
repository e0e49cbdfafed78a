package dev.coffer.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.compliance.ComplianceQueries;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.ConfigRule;
import dev.coffer.compliance.EvaluationFilter;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.compliance.RuleScope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final String A = "111122223333";
  private static final String B = "444455556666";

  private static ConfigRule rule(String account, String region, String name, String source) {
    return new ConfigRule(
        account,
        region,
        name,
        "arn:aws:config:" + region + ":" + account + ":config-rule/config-rule-abcdef",
        "config-rule-abcdef",
        Optional.empty(),
        source,
        Map.of(),
        Optional.empty(),
        RuleScope.all(),
        NOW.minus(Duration.ofDays(60)));
  }

  private static EvaluationResult result(
      String account,
      String region,
      String rule,
      String secret,
      ComplianceType t,
      Instant at,
      Optional<String> why) {
    return new EvaluationResult(
        account,
        region,
        rule,
        EvaluationResult.SECRET_TYPE,
        "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + secret,
        t,
        why,
        at,
        at,
        at);
  }

  private static final EvaluationResult OLD_OK =
      result(
          A,
          "us-east-1",
          "rotation",
          "db-AAAAAA",
          ComplianceType.COMPLIANT,
          NOW.minus(Duration.ofDays(10)),
          Optional.empty());
  private static final EvaluationResult NOW_BAD =
      result(
          A,
          "us-east-1",
          "rotation",
          "db-AAAAAA",
          ComplianceType.NON_COMPLIANT,
          NOW.minus(Duration.ofDays(2)),
          Optional.of("Rotation is <b>off</b>, \"really\""));
  private static final EvaluationResult OTHER =
      result(
          B,
          "eu-west-1",
          "cmk",
          "api-BBBBBB",
          ComplianceType.COMPLIANT,
          NOW.minus(Duration.ofDays(5)),
          Optional.empty());
  private static final EvaluationResult NA =
      result(
          A,
          "us-east-1",
          "rotation",
          "x-CCCCCC",
          ComplianceType.NOT_APPLICABLE,
          NOW.minus(Duration.ofDays(1)),
          Optional.empty());

  private static final ComplianceQueries QUERIES =
      new ComplianceQueries() {
        @Override
        public List<ConfigRule> rules() {
          return List.of(
              rule(A, "us-east-1", "rotation", "SECRETSMANAGER_ROTATION_ENABLED_CHECK"),
              rule(B, "eu-west-1", "cmk", "SECRETSMANAGER_USING_CMK"),
              rule(A, "us-east-1", "unused", "SECRETSMANAGER_SECRET_UNUSED"));
        }

        @Override
        public List<EvaluationResult> currentEvaluations(EvaluationFilter filter) {
          return List.of(NOW_BAD, OTHER, NA);
        }

        @Override
        public List<EvaluationResult> history(EvaluationFilter filter, Instant from, Instant to) {
          return List.of(OLD_OK, OTHER, NOW_BAD, NA);
        }
      };

  private static final List<ReportModel.ControlStatus> CONTROLS =
      List.of(
          new ReportModel.ControlStatus(
              "Tamper-evident audit trail",
              "Audit",
              ReportModel.Verification.VERIFIED,
              List.of("chain checked"),
              FrameworkMapping.AUDIT));

  private static ReportModel model() {
    return ReportBuilder.build(QUERIES, CONTROLS, A, List.of("us-east-1", "eu-west-1"), NOW);
  }

  @Test
  void build_countsByRuleAndScope_mapsControls_listsNonCompliantWithReason() {
    ReportModel m = model();

    assertThat(m.byRule()).hasSize(3);
    ReportModel.RuleSummary rotation =
        m.byRule().stream().filter(r -> r.ruleName().equals("rotation")).findFirst().orElseThrow();
    assertThat(rotation.counts()).isEqualTo(new ReportModel.Counts(0, 1, 1));
    assertThat(rotation.control().orElseThrow().id()).isEqualTo("SecretsManager.1");
    assertThat(rotation.control().orElseThrow().requirements())
        .extracting(Object::toString)
        .containsExactly(
            "NIST SP 800-53 r5 AC-2(1)",
            "NIST SP 800-53 r5 AC-3(15)",
            "PCI DSS v4.0.1 8.3.9",
            "PCI DSS v4.0.1 8.6.3");
    ReportModel.RuleSummary unused =
        m.byRule().stream().filter(r -> r.ruleName().equals("unused")).findFirst().orElseThrow();
    assertThat(unused.counts().total()).isZero(); // a rule without results is still listed
    assertThat(unused.control().orElseThrow().id()).isEqualTo("SecretsManager.3");

    assertThat(m.byScope())
        .containsExactly(
            new ReportModel.ScopeSummary(A, "us-east-1", new ReportModel.Counts(0, 1, 1)),
            new ReportModel.ScopeSummary(B, "eu-west-1", new ReportModel.Counts(1, 0, 0)));

    assertThat(m.nonCompliant()).hasSize(1);
    assertThat(m.nonCompliant().get(0).reason()).isEqualTo("Rotation is <b>off</b>, \"really\"");
    assertThat(m.nonCompliant().get(0).resourceId()).endsWith(":secret:db-AAAAAA");
  }

  @Test
  void timeline_replaysHistory_stateAtEndOfEachDay() {
    List<ReportModel.DayPoint> days = model().overTime();
    assertThat(days).hasSize(ReportBuilder.DAYS);
    assertThat(days.get(days.size() - 1).day()).isEqualTo(LocalDate.of(2026, 12, 7));
    assertThat(point(days, LocalDate.of(2026, 11, 26)).counts())
        .isEqualTo(new ReportModel.Counts(0, 0, 0));
    assertThat(point(days, LocalDate.of(2026, 11, 27)).counts())
        .isEqualTo(new ReportModel.Counts(1, 0, 0));
    assertThat(point(days, LocalDate.of(2026, 12, 2)).counts())
        .isEqualTo(new ReportModel.Counts(2, 0, 0));
    assertThat(point(days, LocalDate.of(2026, 12, 5)).counts())
        .isEqualTo(new ReportModel.Counts(1, 1, 0)); // db turned non-compliant on 12-05
    assertThat(point(days, LocalDate.of(2026, 12, 7)).counts())
        .isEqualTo(new ReportModel.Counts(1, 1, 1));
  }

  private static ReportModel.DayPoint point(List<ReportModel.DayPoint> days, LocalDate d) {
    return days.stream().filter(p -> p.day().equals(d)).findFirst().orElseThrow();
  }

  @Test
  void html_selfContainedWithSvgCharts_escapesText() {
    String html =
        new String(ReportRenderer.render(model(), ReportFormat.HTML), StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html.split("<svg ", -1)).hasSize(4); // by rule, by account and region, over time
    assertThat(html).contains("Rotation is &lt;b&gt;off&lt;/b&gt;, &quot;really&quot;");
    assertThat(html).doesNotContain("<b>off</b>");
    assertThat(html).doesNotContain("<script").doesNotContain("src=\"http");
    assertThat(html).contains("SecretsManager.1").contains("NIST SP 800-53 r5 AU-9");
  }

  @Test
  void json_carriesEverySection() throws Exception {
    JsonNode j = new ObjectMapper().readTree(ReportRenderer.render(model(), ReportFormat.JSON));
    assertThat(j.path("GeneratedAt").asText()).isEqualTo("2026-12-07T12:00:00Z");
    assertThat(j.path("ComplianceByRule")).hasSize(3);
    assertThat(j.path("ComplianceByAccountAndRegion")).hasSize(2);
    assertThat(j.path("ComplianceOverTime")).hasSize(ReportBuilder.DAYS);
    assertThat(j.path("NonCompliantSecrets").get(0).path("SecurityControlId").asText())
        .isEqualTo("SecretsManager.1");
    assertThat(j.path("Controls").get(0).path("Verification").asText()).isEqualTo("VERIFIED");
    assertThat(j.path("Controls").get(0).path("Requirements").get(1).path("Requirement").asText())
        .isEqualTo("AU-9");
  }

  @Test
  void csv_quotesCellsWithCommasAndQuotes() {
    String csv =
        new String(ReportRenderer.render(model(), ReportFormat.CSV), StandardCharsets.UTF_8);
    String[] lines = csv.split("\r\n");
    assertThat(lines[0]).startsWith("Section,AccountId,Region,ConfigRuleName");
    assertThat(csv)
        .contains(
            "NonCompliantSecret,111122223333,us-east-1,rotation,SecretsManager.1,"
                + "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AAAAAA,"
                + "2026-12-05T12:00:00Z,,,,\"Rotation is <b>off</b>, \"\"really\"\"\",");
    assertThat(csv).contains("ComplianceOverTime,,,,,,2026-12-07,1,1,1,,");
  }
}
