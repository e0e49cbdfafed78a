package dev.coffer.policy;

import dev.coffer.policy.internal.ValueSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One {@code operator: {key: values}} entry of a statement's Condition block, compiled for
 * evaluation. The entries of a block are ANDed; see {@link #holds} for the rules of one entry.
 */
public final class Condition {

  /** The set qualifier written before the operator (compliance-and-iam.md §4.3 rule 3). */
  public enum SetQualifier {
    NONE(""),
    FOR_ALL_VALUES("ForAllValues:"),
    FOR_ANY_VALUE("ForAnyValue:");

    private final String prefix;

    SetQualifier(String prefix) {
      this.prefix = prefix;
    }

    /** The prefix as written in a policy, empty for NONE. */
    public String prefix() {
      return prefix;
    }
  }

  private final SetQualifier qualifier;
  private final ConditionOperator operator;
  private final boolean ifExists;
  private final String key;
  private final String lowerKey;
  private final List<String> values;
  private final @Nullable ValueSet compiled;
  private final boolean nullExpectsAbsent;

  Condition(
      SetQualifier qualifier,
      ConditionOperator operator,
      boolean ifExists,
      String key,
      List<String> values,
      boolean variables) {
    this.qualifier = Objects.requireNonNull(qualifier, "qualifier");
    this.operator = Objects.requireNonNull(operator, "operator");
    this.ifExists = ifExists;
    this.key = Objects.requireNonNull(key, "key");
    this.lowerKey = key.toLowerCase(Locale.ROOT);
    this.values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    if (operator == ConditionOperator.NULL) {
      if (ifExists) {
        throw new IllegalArgumentException("the Null operator cannot take IfExists");
      }
      this.compiled = null;
      this.nullExpectsAbsent = nullValue(values);
    } else {
      this.compiled =
          ValueSet.compile(operator.operandType(), operator.comparison(), values, variables);
      this.nullExpectsAbsent = false;
    }
  }

  private static boolean nullValue(List<String> values) {
    boolean first = readNull(values.get(0));
    for (String v : values) {
      if (readNull(v) != first) {
        throw new IllegalArgumentException("Null values must all be true or all be false");
      }
    }
    return first;
  }

  private static boolean readNull(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException("Null takes \"true\" or \"false\", not \"" + v + "\"");
    };
  }

  /** The full operator as written, e.g. {@code ForAnyValue:StringLikeIfExists}. */
  public String operatorName() {
    return qualifier.prefix() + operator.policyName() + (ifExists ? "IfExists" : "");
  }

  /** The base operator. */
  public ConditionOperator operator() {
    return operator;
  }

  /** The set qualifier. */
  public SetQualifier qualifier() {
    return qualifier;
  }

  /** Whether the operator carries the {@code IfExists} suffix. */
  public boolean ifExists() {
    return ifExists;
  }

  /** The condition key as written. */
  public String key() {
    return key;
  }

  /** The condition key in lower case (keys are case-insensitive). */
  public String lowerKey() {
    return lowerKey;
  }

  /** The policy values as written (numbers and booleans as their JSON text). */
  public List<String> values() {
    return values;
  }

  /** For Null: true if the policy requires the key to be absent. */
  public Optional<Boolean> nullExpectsAbsent() {
    return operator == ConditionOperator.NULL ? Optional.of(nullExpectsAbsent) : Optional.empty();
  }

  /**
   * Evaluates this entry against the request (compliance-and-iam.md §4.3):
   *
   * <ul>
   *   <li>Null: "true" holds when the key is absent, "false" when present.
   *   <li>No qualifier, key absent: true for IfExists and for negated operators, else false (rule
   *       2). Key present: a positive operator holds if some request value matches some policy
   *       value; a negated one if none does (NOR, rule 1).
   *   <li>ForAnyValue: false when the key is absent or empty (true with IfExists); else some
   *       request value must satisfy the operator.
   *   <li>ForAllValues: true when the key is absent or empty; else every request value must satisfy
   *       the operator.
   *   <li>A request value that cannot be read as the operator's type makes the entry false (rule 6,
   *       [inferred]).
   * </ul>
   */
  boolean holds(ConditionContext context) {
    List<String> request = context.find(lowerKey);
    ValueSet set = compiled;
    if (set == null) {
      return nullExpectsAbsent == (request == null);
    }
    boolean negated = operator.negated();
    if (request == null) {
      return switch (qualifier) {
        case NONE -> ifExists || negated;
        case FOR_ANY_VALUE -> ifExists;
        case FOR_ALL_VALUES -> true;
      };
    }
    return switch (qualifier) {
      case NONE -> {
        int any = anyMatch(set, request, context);
        yield any != ValueSet.UNREADABLE
            && (negated ? any == ValueSet.NO_MATCH : any == ValueSet.MATCH);
      }
      case FOR_ANY_VALUE -> quantify(set, request, context, negated, false);
      case FOR_ALL_VALUES -> quantify(set, request, context, negated, true);
    };
  }

  private static int anyMatch(ValueSet set, List<String> request, ConditionContext context) {
    int result = ValueSet.NO_MATCH;
    for (int i = 0; i < request.size(); i++) {
      int m = set.match(request.get(i), context);
      if (m == ValueSet.UNREADABLE) {
        return m;
      }
      if (m == ValueSet.MATCH) {
        result = m;
      }
    }
    return result;
  }

  /** ForAllValues (every) or ForAnyValue (some) request value satisfies the operator. */
  private static boolean quantify(
      ValueSet set, List<String> request, ConditionContext context, boolean negated, boolean all) {
    for (int i = 0; i < request.size(); i++) {
      int m = set.match(request.get(i), context);
      if (m == ValueSet.UNREADABLE) {
        return false;
      }
      boolean ok = negated ? m == ValueSet.NO_MATCH : m == ValueSet.MATCH;
      if (all && !ok) {
        return false;
      }
      if (!all && ok) {
        return true;
      }
    }
    return all;
  }

  @Override
  public String toString() {
    return operatorName() + ":" + key + "=" + values;
  }
}
