package dev.coffer.policy;

/** A statement's Effect: {@code "Allow"} or {@code "Deny"}, case-sensitive (§4.1). */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String policyName;

  Effect(String policyName) {
    this.policyName = policyName;
  }

  /** The value as written in a policy. */
  public String policyName() {
    return policyName;
  }
}
