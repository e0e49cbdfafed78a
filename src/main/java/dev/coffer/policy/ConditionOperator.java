package dev.coffer.policy;

import dev.coffer.policy.internal.Comparison;
import dev.coffer.policy.internal.OperandType;
import java.util.Optional;

/**
 * The base condition operators of the IAM policy language (compliance-and-iam.md §4.3), without the
 * {@code ForAllValues:}/{@code ForAnyValue:} prefix and {@code IfExists} suffix. A negated operator
 * ({@code StringNotEquals}, {@code NotIpAddress}, ...) is true exactly when its positive
 * counterpart is false, so its values combine as NOR (§4.3 rule 1).
 */
public enum ConditionOperator {
  STRING_EQUALS("StringEquals", OperandType.STRING_EXACT, Comparison.EQ, false),
  STRING_NOT_EQUALS("StringNotEquals", OperandType.STRING_EXACT, Comparison.EQ, true),
  STRING_EQUALS_IGNORE_CASE(
      "StringEqualsIgnoreCase", OperandType.STRING_IGNORE_CASE, Comparison.EQ, false),
  STRING_NOT_EQUALS_IGNORE_CASE(
      "StringNotEqualsIgnoreCase", OperandType.STRING_IGNORE_CASE, Comparison.EQ, true),
  STRING_LIKE("StringLike", OperandType.STRING_LIKE, Comparison.EQ, false),
  STRING_NOT_LIKE("StringNotLike", OperandType.STRING_LIKE, Comparison.EQ, true),
  NUMERIC_EQUALS("NumericEquals", OperandType.NUMERIC, Comparison.EQ, false),
  NUMERIC_NOT_EQUALS("NumericNotEquals", OperandType.NUMERIC, Comparison.EQ, true),
  NUMERIC_LESS_THAN("NumericLessThan", OperandType.NUMERIC, Comparison.LT, false),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", OperandType.NUMERIC, Comparison.LE, false),
  NUMERIC_GREATER_THAN("NumericGreaterThan", OperandType.NUMERIC, Comparison.GT, false),
  NUMERIC_GREATER_THAN_EQUALS(
      "NumericGreaterThanEquals", OperandType.NUMERIC, Comparison.GE, false),
  DATE_EQUALS("DateEquals", OperandType.DATE, Comparison.EQ, false),
  DATE_NOT_EQUALS("DateNotEquals", OperandType.DATE, Comparison.EQ, true),
  DATE_LESS_THAN("DateLessThan", OperandType.DATE, Comparison.LT, false),
  DATE_LESS_THAN_EQUALS("DateLessThanEquals", OperandType.DATE, Comparison.LE, false),
  DATE_GREATER_THAN("DateGreaterThan", OperandType.DATE, Comparison.GT, false),
  DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", OperandType.DATE, Comparison.GE, false),
  BOOL("Bool", OperandType.BOOL, Comparison.EQ, false),
  BINARY_EQUALS("BinaryEquals", OperandType.BINARY, Comparison.EQ, false),
  IP_ADDRESS("IpAddress", OperandType.IP, Comparison.EQ, false),
  NOT_IP_ADDRESS("NotIpAddress", OperandType.IP, Comparison.EQ, true),
  ARN_EQUALS("ArnEquals", OperandType.ARN, Comparison.EQ, false),
  ARN_LIKE("ArnLike", OperandType.ARN, Comparison.EQ, false),
  ARN_NOT_EQUALS("ArnNotEquals", OperandType.ARN, Comparison.EQ, true),
  ARN_NOT_LIKE("ArnNotLike", OperandType.ARN, Comparison.EQ, true),
  NULL("Null", OperandType.NULL, Comparison.EQ, false);

  private final String policyName;
  private final OperandType operandType;
  private final Comparison comparison;
  private final boolean negated;

  ConditionOperator(String policyName, OperandType type, Comparison comparison, boolean negated) {
    this.policyName = policyName;
    this.operandType = type;
    this.comparison = comparison;
    this.negated = negated;
  }

  /** The name as written in a policy, e.g. {@code StringNotEquals}. */
  public String policyName() {
    return policyName;
  }

  /** True for the "Not" operators, whose result is the negation of the positive test. */
  public boolean negated() {
    return negated;
  }

  /** How values are read and compared. */
  public OperandType operandType() {
    return operandType;
  }

  /** The ordering test, EQ for all but the Numeric and Date orderings. */
  public Comparison comparison() {
    return comparison;
  }

  /** The operator with this exact policy name; operator names are case-sensitive. */
  public static Optional<ConditionOperator> byPolicyName(String name) {
    for (ConditionOperator op : values()) {
      if (op.policyName.equals(name)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
