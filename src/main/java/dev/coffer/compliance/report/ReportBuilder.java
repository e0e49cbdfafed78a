package dev.coffer.compliance.report;

import dev.coffer.compliance.ComplianceQueries;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.ConfigRule;
import dev.coffer.compliance.EvaluationFilter;
import dev.coffer.compliance.EvaluationResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Builds a {@link ReportModel} from the read-only compliance queries and the controls in force. */
public final class ReportBuilder {
  /** Days shown in the "over time" chart, ending with the report's day. */
  public static final int DAYS = 30;

  private ReportBuilder() {}

  public static ReportModel build(
      ComplianceQueries queries,
      List<ReportModel.ControlStatus> controls,
      String accountId,
      List<String> regions,
      Instant now) {
    Map<String, ConfigRule> rules = new HashMap<>();
    for (ConfigRule r : queries.rules()) {
      rules.put(ruleKey(r.accountId(), r.region(), r.name()), r);
    }
    List<EvaluationResult> current = queries.currentEvaluations(EvaluationFilter.all());

    Map<String, Tally> byRule = new TreeMap<>();
    Map<String, Tally> byScope = new TreeMap<>();
    List<ReportModel.Finding> findings = new ArrayList<>();
    for (ConfigRule r : rules.values()) {
      byRule.computeIfAbsent(ruleKey(r.accountId(), r.region(), r.name()), k -> new Tally());
    }
    for (EvaluationResult e : current) {
      String key = ruleKey(e.accountId(), e.region(), e.configRuleName());
      byRule.computeIfAbsent(key, k -> new Tally()).add(e.complianceType());
      byScope
          .computeIfAbsent(e.accountId() + "\n" + e.region(), k -> new Tally())
          .add(e.complianceType());
      if (e.complianceType() == ComplianceType.NON_COMPLIANT) {
        findings.add(
            new ReportModel.Finding(
                e.accountId(),
                e.region(),
                e.configRuleName(),
                control(rules.get(key)),
                e.resourceId(),
                e.annotation().orElse("The rule reported NON_COMPLIANT without a reason."),
                e.resultRecordedTime()));
      }
    }
    findings.sort(
        Comparator.comparing(ReportModel.Finding::accountId)
            .thenComparing(ReportModel.Finding::region)
            .thenComparing(ReportModel.Finding::ruleName)
            .thenComparing(ReportModel.Finding::resourceId));

    List<ReportModel.RuleSummary> ruleSummaries = new ArrayList<>();
    byRule.forEach((key, tally) -> {
      String[] p = key.split("\n", 3);
      ConfigRule r = rules.get(key);
      String source = r == null ? "" : r.sourceIdentifier();
      ruleSummaries.add(
          new ReportModel.RuleSummary(p[0], p[1], p[2], source, control(r), tally.counts()));
    });
    List<ReportModel.ScopeSummary> scopes = new ArrayList<>();
    byScope.forEach((key, tally) -> {
      String[] p = key.split("\n", 2);
      scopes.add(new ReportModel.ScopeSummary(p[0], p[1], tally.counts()));
    });
    return new ReportModel(
        now,
        accountId,
        regions,
        ruleSummaries,
        scopes,
        timeline(queries.history(EvaluationFilter.all(), Instant.EPOCH, now), now),
        findings,
        controls);
  }

  private static Optional<FrameworkMapping.Control> control(@Nullable ConfigRule r) {
    return r == null ? Optional.empty() : FrameworkMapping.forRule(r.sourceIdentifier());
  }

  private static String ruleKey(String account, String region, String rule) {
    return account + "\n" + region + "\n" + rule;
  }

  /**
   * Replays the history (oldest first) and takes the results in force at the end of each of the
   * last {@link #DAYS} days.
   */
  static List<ReportModel.DayPoint> timeline(List<EvaluationResult> history, Instant now) {
    List<EvaluationResult> sorted = new ArrayList<>(history);
    sorted.sort(Comparator.comparing(EvaluationResult::resultRecordedTime));
    LocalDate last = now.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate first = last.minusDays(DAYS - 1);
    Map<String, ComplianceType> state = new HashMap<>();
    List<ReportModel.DayPoint> points = new ArrayList<>();
    int i = 0;
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      Instant end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      while (i < sorted.size() && sorted.get(i).resultRecordedTime().isBefore(end)) {
        EvaluationResult e = sorted.get(i++);
        state.put(
            ruleKey(e.accountId(), e.region(), e.configRuleName()) + "\n" + e.resourceId(),
            e.complianceType());
      }
      Tally t = new Tally();
      state.values().forEach(t::add);
      points.add(new ReportModel.DayPoint(day, t.counts()));
    }
    return points;
  }

  private static final class Tally {
    private int compliant;
    private int nonCompliant;
    private int notApplicable;

    void add(ComplianceType t) {
      switch (t) {
        case COMPLIANT -> compliant++;
        case NON_COMPLIANT -> nonCompliant++;
        case NOT_APPLICABLE -> notApplicable++;
        case INSUFFICIENT_DATA -> {}
      }
    }

    ReportModel.Counts counts() {
      return new ReportModel.Counts(compliant, nonCompliant, notApplicable);
    }
  }
}
