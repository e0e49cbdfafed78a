package dev.coffer.policy.internal;

/** How a condition operator reads and compares values (compliance-and-iam.md §4.3). */
public enum OperandType {
  STRING_EXACT(true),
  STRING_IGNORE_CASE(true),
  STRING_LIKE(true),
  NUMERIC(false),
  DATE(false),
  BOOL(true),
  BINARY(false),
  IP(false),
  ARN(true),
  NULL(false);

  private final boolean variablesAllowed;

  OperandType(boolean variablesAllowed) {
    this.variablesAllowed = variablesAllowed;
  }

  /**
   * Whether policy variables are substituted in values of this type: String and ARN operators per
   * §4.3 rule 5; Bool too, following the condition-operator page where the doc pages disagree (open
   * question 5 in §7).
   */
  public boolean variablesAllowed() {
    return variablesAllowed;
  }
}
