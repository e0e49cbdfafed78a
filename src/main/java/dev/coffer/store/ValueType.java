package dev.coffer.store;

/** What a secret version holds. */
public enum ValueType {
  /** No value yet: the AWSPENDING placeholder a rotation creates before its createSecret step. */
  NONE,
  /** A SecretString. */
  STRING,
  /** A SecretBinary. */
  BINARY;

  static ValueType fromCode(int code) {
    return values()[code];
  }
}
