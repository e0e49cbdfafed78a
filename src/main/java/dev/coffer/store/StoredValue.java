package dev.coffer.store;

import java.util.Objects;

/**
 * A version's protected value as stored: never plaintext.
 *
 * @param type string or binary
 * @param kmsKeyArn the key that protects it
 * @param blob the protected bytes
 */
public record StoredValue(ValueType type, String kmsKeyArn, byte[] blob) {
  public StoredValue {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
    Objects.requireNonNull(blob, "blob");
    if (type == ValueType.NONE) {
      throw new IllegalArgumentException("a stored value is a string or a binary");
    }
  }
}
