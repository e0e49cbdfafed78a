package dev.coffer.compliance;

/**
 * A rule's (or a resource's) roll-up (AWS Config {@code Compliance}): NON_COMPLIANT if any result
 * is, COMPLIANT if at least one result is and none is non-compliant, else INSUFFICIENT_DATA (AWS
 * Config API Reference, "Compliance": NOT_APPLICABLE is not a roll-up value).
 *
 * @param type the roll-up
 * @param nonCompliantCount how many non-compliant results, counted up to {@link #CAP}
 * @param capExceeded whether there are more than {@link #CAP}
 */
public record RuleCompliance(ComplianceType type, int nonCompliantCount, boolean capExceeded) {
  /** ComplianceContributorCount's cap. */
  public static final int CAP = 100;

  static RuleCompliance of(long nonCompliant, long compliant) {
    if (nonCompliant > 0) {
      return new RuleCompliance(
          ComplianceType.NON_COMPLIANT, (int) Math.min(nonCompliant, CAP), nonCompliant > CAP);
    }
    return new RuleCompliance(
        compliant > 0 ? ComplianceType.COMPLIANT : ComplianceType.INSUFFICIENT_DATA, 0, false);
  }
}
