package dev.coffer.policy;

/**
 * Switches for one evaluation.
 *
 * @param resourcePolicyMustAllow require an allow from the resource-side policy even when it is not
 *     a KEY or TRUST document (those always require one, compliance-and-iam.md §4.6 step 3)
 * @param collectAllDenies list every matching Deny statement in the decision, not just the first,
 *     for explanations; costs a full scan of every policy
 */
public record EvaluationOptions(boolean resourcePolicyMustAllow, boolean collectAllDenies) {

  /** Standard IAM semantics, first deny only. */
  public static final EvaluationOptions DEFAULTS = new EvaluationOptions(false, false);
}
