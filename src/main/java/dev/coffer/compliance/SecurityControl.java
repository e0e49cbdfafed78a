package dev.coffer.compliance;

import java.util.List;

/**
 * The Security Hub controls for Secrets Manager (compliance-and-iam.md §2): id, title, severity,
 * the managed rule behind it (none for .5, a Security Hub rule), its parameter and that parameter's
 * range and default, and the requirements it evidences.
 */
public enum SecurityControl {
  SECRETS_MANAGER_1(
      "SecretsManager.1",
      "Secrets Manager secrets should have automatic rotation enabled",
      "MEDIUM",
      "secretsmanager-rotation-enabled-check",
      ManagedRules.MAX_ROTATION_FREQUENCY_DAYS,
      1,
      365,
      0,
      List.of(
          "NIST.800-53.r5 AC-2(1)",
          "NIST.800-53.r5 AC-3(15)",
          "PCI DSS v4.0.1/8.3.9",
          "PCI DSS v4.0.1/8.6.3")),
  SECRETS_MANAGER_2(
      "SecretsManager.2",
      "Secrets Manager secrets configured with automatic rotation should rotate successfully",
      "MEDIUM",
      "secretsmanager-scheduled-rotation-success-check",
      "",
      0,
      0,
      0,
      List.of(
          "NIST.800-53.r5 AC-2(1)",
          "NIST.800-53.r5 AC-3(15)",
          "PCI DSS v4.0.1/8.3.9",
          "PCI DSS v4.0.1/8.6.3")),
  SECRETS_MANAGER_3(
      "SecretsManager.3",
      "Remove unused Secrets Manager secrets",
      "MEDIUM",
      "secretsmanager-secret-unused",
      ManagedRules.UNUSED_FOR_DAYS,
      1,
      365,
      90,
      List.of("NIST.800-53.r5 AC-2(1)", "NIST.800-53.r5 AC-3(15)")),
  SECRETS_MANAGER_4(
      "SecretsManager.4",
      "Secrets Manager secrets should be rotated within a specified number of days",
      "MEDIUM",
      "secretsmanager-secret-periodic-rotation",
      ManagedRules.MAX_DAYS_SINCE_ROTATION,
      1,
      180,
      90,
      List.of(
          "NIST.800-53.r5 AC-2(1)",
          "NIST.800-53.r5 AC-3(15)",
          "PCI DSS v4.0.1/8.3.9",
          "PCI DSS v4.0.1/8.6.3")),
  SECRETS_MANAGER_5(
      "SecretsManager.5",
      "Secrets Manager secrets should be tagged",
      "LOW",
      "tagged-secretsmanager-secret",
      "requiredTagKeys",
      1,
      6,
      0,
      List.of());

  private final String id;
  private final String title;
  private final String severity;
  private final String configRule;
  private final String parameter;
  private final int min;
  private final int max;
  private final int defaultValue;
  private final List<String> requirements;

  SecurityControl(
      String id,
      String title,
      String severity,
      String configRule,
      String parameter,
      int min,
      int max,
      int defaultValue,
      List<String> requirements) {
    this.id = id;
    this.title = title;
    this.severity = severity;
    this.configRule = configRule;
    this.parameter = parameter;
    this.min = min;
    this.max = max;
    this.defaultValue = defaultValue;
    this.requirements = requirements;
  }

  /** SecurityControlId, e.g. {@code SecretsManager.1}. */
  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  /** Severity label: MEDIUM, or LOW for .5. */
  public String severity() {
    return severity;
  }

  /** Normalized severity: 40 for MEDIUM, 1 for LOW (ASFF ranges 40–69 and 1–39). */
  public int normalizedSeverity() {
    return severity.equals("MEDIUM") ? 40 : 1;
  }

  /** The Config rule behind the control. */
  public String configRule() {
    return configRule;
  }

  /** The control's parameter name; empty when it has none. */
  public String parameter() {
    return parameter;
  }

  /** The parameter's allowed range (for requiredTagKeys: the number of keys). */
  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  /** The parameter's default; 0 when it has none. */
  public int defaultValue() {
    return defaultValue;
  }

  /** The framework requirements Security Hub lists for the control. */
  public List<String> requirements() {
    return requirements;
  }

  public static java.util.Optional<SecurityControl> byId(String id) {
    for (SecurityControl c : values()) {
      if (c.id.equals(id)) {
        return java.util.Optional.of(c);
      }
    }
    return java.util.Optional.empty();
  }
}
