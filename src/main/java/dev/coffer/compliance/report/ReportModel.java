package dev.coffer.compliance.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything a compliance report states, independent of its format: results by rule, by account and
 * region and over time, the non-compliant secrets and why, and the controls in force with their
 * verification.
 *
 * @param generatedAt the report's date
 * @param accountId the server's administrative account
 * @param regions the regions the server hosts
 * @param byRule current results per rule
 * @param byScope current results per account and region
 * @param overTime results at the end of each day of the reporting window
 * @param nonCompliant each non-compliant (rule, secret) with the reason
 * @param controls Coffer's controls in force
 * @param scannedEndpoint the endpoint of a {@code coffer compliance scan}; empty for the signed
 *     report on this server's own secrets
 */
public record ReportModel(
    Instant generatedAt,
    String accountId,
    List<String> regions,
    List<RuleSummary> byRule,
    List<ScopeSummary> byScope,
    List<DayPoint> overTime,
    List<Finding> nonCompliant,
    List<ControlStatus> controls,
    Optional<String> scannedEndpoint) {

  /** The report on this server's own secrets. */
  public ReportModel(
      Instant generatedAt,
      String accountId,
      List<String> regions,
      List<RuleSummary> byRule,
      List<ScopeSummary> byScope,
      List<DayPoint> overTime,
      List<Finding> nonCompliant,
      List<ControlStatus> controls) {
    this(
        generatedAt,
        accountId,
        regions,
        byRule,
        byScope,
        overTime,
        nonCompliant,
        controls,
        Optional.empty());
  }

  public ReportModel {
    regions = List.copyOf(regions);
    byRule = List.copyOf(byRule);
    byScope = List.copyOf(byScope);
    overTime = List.copyOf(overTime);
    nonCompliant = List.copyOf(nonCompliant);
    controls = List.copyOf(controls);
  }

  /** How many results are of each type. */
  public record Counts(int compliant, int nonCompliant, int notApplicable) {
    public int total() {
      return compliant + nonCompliant + notApplicable;
    }
  }

  /** One rule's results, with the Security Hub control and requirements it evidences. */
  public record RuleSummary(
      String accountId,
      String region,
      String ruleName,
      String sourceIdentifier,
      Optional<FrameworkMapping.Control> control,
      Counts counts) {}

  /** One account and region's results, across rules. */
  public record ScopeSummary(String accountId, String region, Counts counts) {}

  /** The results in force at the end of {@code day} (UTC). */
  public record DayPoint(LocalDate day, Counts counts) {}

  /** A secret that does not comply with a rule. */
  public record Finding(
      String accountId,
      String region,
      String ruleName,
      Optional<FrameworkMapping.Control> control,
      String resourceId,
      String reason,
      Instant recordedAt) {}

  /** What a control's verification found. */
  public enum Verification {
    /** Checked when the report was made, and it holds. */
    VERIFIED,
    /** In force by construction (configuration), with figures as evidence. */
    IN_FORCE,
    /** Checked when the report was made, and it does not hold. */
    FAILED
  }

  /** One of Coffer's controls, how it was checked, and what it evidences. */
  public record ControlStatus(
      String name,
      String category,
      Verification verification,
      List<String> evidence,
      List<FrameworkMapping.Requirement> requirements) {
    public ControlStatus {
      evidence = List.copyOf(evidence);
      requirements = List.copyOf(requirements);
    }
  }
}
