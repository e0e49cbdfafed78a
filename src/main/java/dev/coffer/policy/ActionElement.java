package dev.coffer.policy;

import dev.coffer.policy.internal.Glob;
import java.util.List;

/**
 * A statement's Action or NotAction element. Action names match case-insensitively with {@code *}
 * and {@code ?} wildcards (compliance-and-iam.md §4.2); NotAction matches every action except those
 * listed.
 */
public final class ActionElement {
  private final boolean negated;
  private final List<String> values;
  private final Glob[] patterns;

  ActionElement(boolean negated, List<String> values) {
    this.negated = negated;
    this.values = List.copyOf(values);
    this.patterns = new Glob[values.size()];
    for (int i = 0; i < patterns.length; i++) {
      patterns[i] = Glob.compileIgnoreCase(values.get(i));
    }
  }

  /** True for NotAction. */
  public boolean negated() {
    return negated;
  }

  /** The action patterns as written. */
  public List<String> values() {
    return values;
  }

  /** Whether the statement covers {@code action} (any case). */
  public boolean covers(String action) {
    boolean any = false;
    for (Glob g : patterns) {
      if (g.matches(action)) {
        any = true;
        break;
      }
    }
    return negated != any;
  }

  /** True if every action is covered: {@code "*"} in Action. */
  public boolean coversEverything() {
    if (negated) {
      return false;
    }
    for (Glob g : patterns) {
      if (g.matchesEverything()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return (negated ? "NotAction=" : "Action=") + values;
  }
}
