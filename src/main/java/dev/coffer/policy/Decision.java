package dev.coffer.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of evaluating a request (compliance-and-iam.md §4.6), with the statements that decided
 * it so a denial or grant can be explained.
 *
 * @param outcome allow, explicit deny or implicit deny
 * @param statements for ALLOW the granting statements; for EXPLICIT_DENY the matching Deny
 *     statements; empty for IMPLICIT_DENY
 * @param missingAllowFrom for IMPLICIT_DENY, the kind of policy whose allow was missing
 */
public record Decision(
    Outcome outcome, List<DecidingStatement> statements, Optional<PolicySource> missingAllowFrom) {

  /** The three outcomes of IAM evaluation. */
  public enum Outcome {
    ALLOW,
    EXPLICIT_DENY,
    IMPLICIT_DENY
  }

  /** Where a statement came from, named as AWS names policy types in denial messages (§4.6). */
  public enum PolicySource {
    IDENTITY("identity-based"),
    RESOURCE("resource-based"),
    PERMISSIONS_BOUNDARY("permissions boundary"),
    SESSION("session");

    private final String description;

    PolicySource(String description) {
      this.description = description;
    }

    /** As written in AWS's access-denied messages. */
    public String description() {
      return description;
    }
  }

  /**
   * A statement that took part in the decision.
   *
   * @param source the kind of policy
   * @param policyIndex position among the identity policies (0 for other sources)
   * @param statementIndex 0-based position in its policy
   * @param sid the statement's Sid, if any
   */
  public record DecidingStatement(
      PolicySource source, int policyIndex, int statementIndex, Optional<String> sid) {
    public DecidingStatement {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(sid, "sid");
    }
  }

  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    statements = List.copyOf(statements);
    Objects.requireNonNull(missingAllowFrom, "missingAllowFrom");
  }

  static Decision allow(List<DecidingStatement> granting) {
    return new Decision(Outcome.ALLOW, granting, Optional.empty());
  }

  static Decision explicitDeny(List<DecidingStatement> denies) {
    return new Decision(Outcome.EXPLICIT_DENY, denies, Optional.empty());
  }

  static Decision implicitDeny(PolicySource missing) {
    return new Decision(Outcome.IMPLICIT_DENY, List.of(), Optional.of(missing));
  }

  /** True only for ALLOW. */
  public boolean allowed() {
    return outcome == Outcome.ALLOW;
  }

  /**
   * The access-denied message in AWS's wording (§4.6, [S38]); for an ALLOW decision, a short
   * statement that access is allowed.
   */
  public String message(String principalArn, String action, String resourceArn) {
    String head =
        "User: "
            + principalArn
            + " is not authorized to perform: "
            + action
            + " on resource: "
            + resourceArn;
    return switch (outcome) {
      case ALLOW -> principalArn + " is allowed to perform " + action + " on " + resourceArn;
      case EXPLICIT_DENY ->
          head
              + " with an explicit deny in a "
              + statements.get(0).source().description()
              + " policy";
      case IMPLICIT_DENY ->
          head
              + " because no "
              + missingAllowFrom.orElse(PolicySource.IDENTITY).description()
              + " policy allows the "
              + action
              + " action";
    };
  }
}
