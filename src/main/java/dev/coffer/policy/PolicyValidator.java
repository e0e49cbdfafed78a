package dev.coffer.policy;

import dev.coffer.core.error.MalformedPolicyDocumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks behind Secrets Manager's ValidateResourcePolicy (compliance-and-iam.md §3.3): syntax,
 * broad (public) access, and that the policy does not lock the caller out. AWS does not document
 * the CheckName strings; the names here are Coffer's own [inferred].
 */
public final class PolicyValidator {
  /** CheckName for grammar errors. */
  public static final String SYNTAX_CHECK = "SYNTAX_CHECK";

  /** CheckName for grants to everyone. */
  public static final String BROAD_ACCESS_CHECK = "BROAD_ACCESS_CHECK";

  /** CheckName for a policy that would deny its author further policy changes. */
  public static final String LOCKOUT_CHECK = "LOCKOUT_CHECK";

  private PolicyValidator() {}

  /** One failed check, as in ValidateResourcePolicy's {@code ValidationErrors}. */
  public record ValidationError(String checkName, String errorMessage) {
    public ValidationError {
      Objects.requireNonNull(checkName, "checkName");
      Objects.requireNonNull(errorMessage, "errorMessage");
    }
  }

  /** ValidateResourcePolicy's answer: passed exactly when there are no errors. */
  public record ValidationResult(boolean policyValidationPassed, List<ValidationError> errors) {
    public ValidationResult {
      errors = List.copyOf(errors);
      if (policyValidationPassed != errors.isEmpty()) {
        throw new IllegalArgumentException("passed must mean no errors");
      }
    }
  }

  /**
   * Validates a secret's resource policy.
   *
   * @param json the policy text
   * @param secretArn the secret's ARN (its account is the owner)
   * @param caller the principal making the change, for the lock-out check
   */
  public static ValidationResult validate(String json, String secretArn, RequestPrincipal caller) {
    String owner = RequestPrincipal.accountOf(secretArn);
    PolicyDocument doc;
    try {
      doc = PolicyParser.parse(json, PolicyKind.RESOURCE);
    } catch (MalformedPolicyDocumentException e) {
      return new ValidationResult(
          false,
          List.of(new ValidationError(SYNTAX_CHECK, Objects.requireNonNull(e.getMessage()))));
    }
    List<ValidationError> errors = new ArrayList<>();
    for (AccessFinding f : AccessAnalyzer.analyze(doc, owner)) {
      if (f.isPublic()) {
        errors.add(
            new ValidationError(
                BROAD_ACCESS_CHECK,
                "Statement "
                    + (f.statementIndex() + 1)
                    + f.sid().map(s -> " (Sid \"" + s + "\")").orElse("")
                    + " grants access to all principals; limit it with a specific principal or a"
                    + " condition such as aws:PrincipalAccount or aws:PrincipalOrgID."));
      }
    }
    lockout(doc, secretArn, caller).ifPresent(errors::add);
    return new ValidationResult(errors.isEmpty(), errors);
  }

  /**
   * §3.3 check 3: the caller must still be able to change the policy. We evaluate PutResourcePolicy
   * by the caller against the new policy alone; an explicit deny locks them out.
   */
  private static Optional<ValidationError> lockout(
      PolicyDocument doc, String secretArn, RequestPrincipal caller) {
    for (String action :
        List.of("secretsmanager:PutResourcePolicy", "secretsmanager:DeleteResourcePolicy")) {
      Decision d =
          PolicyEvaluator.evaluate(
              AuthorizationRequest.builder(caller, action, secretArn).resourcePolicy(doc).build());
      if (d.outcome() == Decision.Outcome.EXPLICIT_DENY) {
        return Optional.of(
            new ValidationError(
                LOCKOUT_CHECK,
                "The policy denies "
                    + caller.arn()
                    + " "
                    + action
                    + "; you would be unable to change or remove it."));
      }
    }
    return Optional.empty();
  }
}
