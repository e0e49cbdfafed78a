package dev.coffer.compliance;

/**
 * The compliance of a resource with a rule (AWS Config {@code ComplianceType}). An evaluation is
 * one of the first three; {@link #INSUFFICIENT_DATA} appears only in roll-ups, when no result
 * exists (AWS Config API Reference, "Compliance").
 */
public enum ComplianceType {
  COMPLIANT,
  NON_COMPLIANT,
  NOT_APPLICABLE,
  INSUFFICIENT_DATA;

  /** Parses an AWS wire value; empty when {@code value} is not one. */
  public static java.util.Optional<ComplianceType> parse(String value) {
    for (ComplianceType t : values()) {
      if (t.name().equals(value)) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }
}
