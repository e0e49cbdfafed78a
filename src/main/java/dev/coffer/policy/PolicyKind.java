package dev.coffer.policy;

/**
 * What a policy document is attached to, which decides its grammar (compliance-and-iam.md §4.1) and
 * how the evaluator uses it (§4.6).
 */
public enum PolicyKind {
  /**
   * Attached to a user or role. Principal is forbidden. Default size: 6,144 characters, the IAM
   * managed-policy quota.
   */
  IDENTITY(6_144),
  /**
   * A secret's resource policy: Principal required; at most 20,480 characters
   * (NonEmptyResourcePolicyType, behaviour.md §2 and §12).
   */
  RESOURCE(20_480),
  /**
   * A KMS key policy: Principal required, and it must allow explicitly (an identity policy alone is
   * not enough, §4.6). At most 131,072 characters (KMS PolicyType, behaviour.md §15).
   */
  KEY(131_072),
  /**
   * A role trust policy: Principal required, Resource optional, must allow explicitly. Default
   * size: 2,048 characters (IAM's default role trust policy quota).
   */
  TRUST(2_048);

  private final int defaultMaxChars;

  PolicyKind(int defaultMaxChars) {
    this.defaultMaxChars = defaultMaxChars;
  }

  /** The size limit the parser applies when the caller gives none. */
  public int defaultMaxChars() {
    return defaultMaxChars;
  }

  /** Whether statements must name a principal. */
  public boolean requiresPrincipal() {
    return this != IDENTITY;
  }

  /** Whether the resource side must grant access itself (KMS keys and role trust, §4.6 step 3). */
  public boolean mustAllowExplicitly() {
    return this == KEY || this == TRUST;
  }
}
