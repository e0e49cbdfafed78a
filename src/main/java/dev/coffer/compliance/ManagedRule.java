package dev.coffer.compliance;

import java.util.List;
import java.util.Optional;

/**
 * The five AWS Config managed rules for Secrets Manager (compliance-and-iam.md §1.1): their
 * identifiers, default names, triggers and the parameters each accepts.
 */
public enum ManagedRule {
  ROTATION_ENABLED_CHECK(
      "SECRETSMANAGER_ROTATION_ENABLED_CHECK",
      "secretsmanager-rotation-enabled-check",
      RuleTrigger.CONFIGURATION_CHANGES,
      List.of(ManagedRules.MAX_ROTATION_FREQUENCY_DAYS, ManagedRules.MAX_ROTATION_FREQUENCY_HOURS)),
  SCHEDULED_ROTATION_SUCCESS_CHECK(
      "SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK",
      "secretsmanager-scheduled-rotation-success-check",
      RuleTrigger.CONFIGURATION_CHANGES,
      List.of()),
  SECRET_PERIODIC_ROTATION(
      "SECRETSMANAGER_SECRET_PERIODIC_ROTATION",
      "secretsmanager-secret-periodic-rotation",
      RuleTrigger.PERIODIC,
      List.of(ManagedRules.MAX_DAYS_SINCE_ROTATION)),
  SECRET_UNUSED(
      "SECRETSMANAGER_SECRET_UNUSED",
      "secretsmanager-secret-unused",
      RuleTrigger.PERIODIC,
      List.of(ManagedRules.UNUSED_FOR_DAYS)),
  USING_CMK(
      "SECRETSMANAGER_USING_CMK",
      "secretsmanager-using-cmk",
      RuleTrigger.CONFIGURATION_CHANGES,
      List.of(ManagedRules.KMS_KEY_ARNS));

  private final String identifier;
  private final String defaultName;
  private final RuleTrigger trigger;
  private final List<String> parameters;

  ManagedRule(String identifier, String defaultName, RuleTrigger trigger, List<String> parameters) {
    this.identifier = identifier;
    this.defaultName = defaultName;
    this.trigger = trigger;
    this.parameters = parameters;
  }

  /** The SourceIdentifier, e.g. {@code SECRETSMANAGER_USING_CMK}. */
  public String identifier() {
    return identifier;
  }

  /** The rule name AWS's documentation and conformance packs use. */
  public String defaultName() {
    return defaultName;
  }

  public RuleTrigger trigger() {
    return trigger;
  }

  /** The InputParameters keys the rule accepts. */
  public List<String> parameters() {
    return parameters;
  }

  public static Optional<ManagedRule> byIdentifier(String identifier) {
    for (ManagedRule r : values()) {
      if (r.identifier.equals(identifier)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
