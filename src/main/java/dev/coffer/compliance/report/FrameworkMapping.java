package dev.coffer.compliance.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which framework requirements each rule's result and each control in force evidences. For the
 * rules, the Security Hub control that runs on the same Config rule and the requirements Security
 * Hub lists for it (Security Hub User Guide, "Security Hub controls for Secrets Manager": NIST SP
 * 800-53 r5 AC-2(1) and AC-3(15) for SecretsManager.1-.4; PCI DSS v4.0.1 8.3.9 and 8.6.3 for .1, .2
 * and .4). For Coffer's own controls: SC-12, SC-13 and SC-28 for encryption and key management,
 * AC-3 for access enforcement, AU-2 and AU-9 for the audit trail.
 */
public final class FrameworkMapping {
  public static final String NIST = "NIST SP 800-53 r5";
  public static final String PCI = "PCI DSS v4.0.1";

  /** One requirement of one framework. */
  public record Requirement(String framework, String id) {
    @Override
    public String toString() {
      return framework + " " + id;
    }
  }

  /**
   * The Security Hub control that corresponds to a rule.
   *
   * @param id e.g. SecretsManager.1
   * @param title its title
   * @param severity its severity label
   */
  public record Control(String id, String title, String severity, List<Requirement> requirements) {}

  private static final List<Requirement> ACCESS_NIST =
      List.of(new Requirement(NIST, "AC-2(1)"), new Requirement(NIST, "AC-3(15)"));
  private static final List<Requirement> ROTATION =
      List.of(
          new Requirement(NIST, "AC-2(1)"),
          new Requirement(NIST, "AC-3(15)"),
          new Requirement(PCI, "8.3.9"),
          new Requirement(PCI, "8.6.3"));

  private static final Map<String, Control> BY_SOURCE =
      Map.of(
          "SECRETSMANAGER_ROTATION_ENABLED_CHECK",
          new Control(
              "SecretsManager.1",
              "Secrets Manager secrets should have automatic rotation enabled",
              "MEDIUM",
              ROTATION),
          "SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK",
          new Control(
              "SecretsManager.2",
              "Secrets Manager secrets configured with automatic rotation should rotate"
                  + " successfully",
              "MEDIUM",
              ROTATION),
          "SECRETSMANAGER_SECRET_UNUSED",
          new Control(
              "SecretsManager.3", "Remove unused Secrets Manager secrets", "MEDIUM", ACCESS_NIST),
          "SECRETSMANAGER_SECRET_PERIODIC_ROTATION",
          new Control(
              "SecretsManager.4",
              "Secrets Manager secrets should be rotated within a specified number of days",
              "MEDIUM",
              ROTATION),
          // No Security Hub control runs secretsmanager-using-cmk; a secret under a customer
          // managed key evidences key management and protection at rest [Coffer's decision].
          "SECRETSMANAGER_USING_CMK",
          new Control(
              "n/a",
              "Secrets should be encrypted with a customer managed KMS key",
              "MEDIUM",
              List.of(new Requirement(NIST, "SC-12"), new Requirement(NIST, "SC-28"))));

  /** Requirements evidenced by encryption at rest and key management. */
  public static final List<Requirement> ENCRYPTION =
      List.of(
          new Requirement(NIST, "SC-12"),
          new Requirement(NIST, "SC-13"),
          new Requirement(NIST, "SC-28"));

  /** Requirements evidenced by access enforcement. */
  public static final List<Requirement> ACCESS = List.of(new Requirement(NIST, "AC-3"));

  /** Requirements evidenced by the audit trail. */
  public static final List<Requirement> AUDIT =
      List.of(new Requirement(NIST, "AU-2"), new Requirement(NIST, "AU-9"));

  private FrameworkMapping() {}

  /** The control for a managed rule's source identifier, if there is one. */
  public static Optional<Control> forRule(String sourceIdentifier) {
    return Optional.ofNullable(BY_SOURCE.get(sourceIdentifier));
  }
}
