package dev.coffer.compliance;

import dev.coffer.core.error.InvalidParameterValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the Security Hub controls SecretsManager.1–.5 for secrets, with control parameters as
 * Security Hub allows them (compliance-and-iam.md §2). Results map COMPLIANT to PASSED,
 * NON_COMPLIANT to FAILED and NOT_APPLICABLE to NOT_AVAILABLE (archived).
 */
public final class SecurityHubControls {
  private SecurityHubControls() {}

  /**
   * The findings of {@code controls} for {@code secrets} at {@code now}.
   *
   * @param parameters per control id, the parameter values given (strings; requiredTagKeys a list)
   * @throws InvalidParameterValueException for a value out of the control's range
   */
  public static List<ControlFinding> evaluate(
      List<SecretState> secrets,
      List<SecurityControl> controls,
      Map<String, List<String>> parameters,
      Instant now) {
    List<ControlFinding> out = new ArrayList<>();
    for (SecurityControl c : controls) {
      Map<String, List<String>> inForce =
          parametersOf(c, parameters.getOrDefault(c.id(), List.of()));
      Map<String, String> ruleParams = new LinkedHashMap<>();
      if (c != SecurityControl.SECRETS_MANAGER_5) {
        inForce.forEach((k, v) -> ruleParams.put(k, v.get(0)));
      }
      for (SecretState s : secrets) {
        Verdict v = verdict(c, s, ruleParams, inForce, now);
        out.add(new ControlFinding(c, s, status(v.type()), v.annotation(), inForce, now));
      }
    }
    return out;
  }

  private static Verdict verdict(
      SecurityControl c,
      SecretState s,
      Map<String, String> ruleParams,
      Map<String, List<String>> inForce,
      Instant now) {
    return switch (c) {
      case SECRETS_MANAGER_1 -> ManagedRules.rotationEnabled(s, ruleParams);
      case SECRETS_MANAGER_2 -> ManagedRules.scheduledRotationSuccess(s);
      case SECRETS_MANAGER_3 -> ManagedRules.unused(s, ruleParams, now);
      case SECRETS_MANAGER_4 -> ManagedRules.periodicRotation(s, ruleParams, now);
      case SECRETS_MANAGER_5 -> tagged(s, inForce.getOrDefault("requiredTagKeys", List.of()));
    };
  }

  /**
   * SecretsManager.5: FAILED when the secret has no tags other than {@code aws:} system tags, or
   * lacks one of requiredTagKeys.
   */
  static Verdict tagged(SecretState s, List<String> required) {
    List<String> own = s.tags().keySet().stream().filter(k -> !k.startsWith("aws:")).toList();
    if (own.isEmpty()) {
      return Verdict.nonCompliant("The secret has no tags.");
    }
    List<String> missing = required.stream().filter(k -> !own.contains(k)).toList();
    if (!missing.isEmpty()) {
      return Verdict.nonCompliant("The secret lacks the required tag keys " + missing + ".");
    }
    return Verdict.compliant();
  }

  private static Map<String, List<String>> parametersOf(SecurityControl c, List<String> given) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (c.parameter().isEmpty()) {
      if (!given.isEmpty()) {
        throw new InvalidParameterValueException(c.id() + " has no parameters.");
      }
      return out;
    }
    if (c == SecurityControl.SECRETS_MANAGER_5) {
      List<String> keys = given;
      if (keys.size() > c.max()) {
        throw new InvalidParameterValueException(
            "requiredTagKeys of " + c.id() + " takes at most " + c.max() + " keys.");
      }
      if (!keys.isEmpty()) {
        out.put(c.parameter(), List.copyOf(keys));
      }
      return out;
    }
    Optional<Integer> value = Optional.empty();
    if (!given.isEmpty()) {
      int n;
      try {
        n = Integer.parseInt(given.get(0).trim());
      } catch (NumberFormatException e) {
        n = Integer.MIN_VALUE;
      }
      if (n < c.min() || n > c.max()) {
        throw new InvalidParameterValueException(
            c.parameter()
                + " of "
                + c.id()
                + " must be an integer from "
                + c.min()
                + " to "
                + c.max()
                + ".");
      }
      value = Optional.of(n);
    } else if (c.defaultValue() > 0) {
      value = Optional.of(c.defaultValue());
    }
    value.ifPresent(v -> out.put(c.parameter(), List.of(Integer.toString(v))));
    return out;
  }

  private static String status(ComplianceType t) {
    return switch (t) {
      case COMPLIANT -> "PASSED";
      case NON_COMPLIANT -> "FAILED";
      default -> "NOT_AVAILABLE";
    };
  }
}
