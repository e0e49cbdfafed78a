package dev.coffer.policy.internal;

/** The ordering test of a Numeric or Date operator: request value compared with policy value. */
public enum Comparison {
  EQ,
  LT,
  LE,
  GT,
  GE;

  /** Whether {@code cmp}, the sign of request-minus-policy, satisfies this comparison. */
  public boolean holds(int cmp) {
    return switch (this) {
      case EQ -> cmp == 0;
      case LT -> cmp < 0;
      case LE -> cmp <= 0;
      case GT -> cmp > 0;
      case GE -> cmp >= 0;
    };
  }
}
