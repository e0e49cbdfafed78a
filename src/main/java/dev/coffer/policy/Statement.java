package dev.coffer.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed, compiled policy statement.
 *
 * @param index 0-based position in the document's Statement list
 * @param sid the Sid, if given
 * @param effect Allow or Deny
 * @param principal the Principal or NotPrincipal element; absent in identity policies
 * @param action the Action or NotAction element
 * @param resource the Resource or NotResource element; absent only in trust policies, where it
 *     means every resource
 * @param conditions the Condition entries, ANDed
 */
public record Statement(
    int index,
    Optional<String> sid,
    Effect effect,
    Optional<PrincipalElement> principal,
    ActionElement action,
    Optional<ResourceElement> resource,
    List<Condition> conditions) {

  public Statement {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    conditions = List.copyOf(conditions);
  }

  /**
   * Whether action, resource and every condition entry match. The principal is checked separately
   * because its meaning depends on the kind of policy.
   */
  boolean matches(String action, String resourceArn, ConditionContext context) {
    if (!this.action.covers(action)) {
      return false;
    }
    if (resource.isPresent() && !resource.get().covers(resourceArn, context)) {
      return false;
    }
    for (int i = 0; i < conditions.size(); i++) {
      if (!conditions.get(i).holds(context)) {
        return false;
      }
    }
    return true;
  }

  /** "Statement 2 (Sid \"X\")" — how messages refer to this statement; 1-based like IAM. */
  public String label() {
    return "Statement " + (index + 1) + sid.map(s -> " (Sid \"" + s + "\")").orElse("");
  }
}
