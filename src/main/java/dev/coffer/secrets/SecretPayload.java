package dev.coffer.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret value in plaintext, a SecretString (held as UTF-8) or a SecretBinary. Lives only as long
 * as one request; {@link #toString} never shows it.
 */
public final class SecretPayload {
  private final boolean binary;
  private final byte[] bytes;

  private SecretPayload(boolean binary, byte[] bytes) {
    this.binary = binary;
    this.bytes = bytes;
  }

  public static SecretPayload ofString(String value) {
    return new SecretPayload(false, value.getBytes(StandardCharsets.UTF_8));
  }

  public static SecretPayload ofBinary(byte[] value) {
    return new SecretPayload(true, value.clone());
  }

  static SecretPayload of(boolean binary, byte[] bytes) {
    return new SecretPayload(binary, Objects.requireNonNull(bytes));
  }

  public boolean isBinary() {
    return binary;
  }

  /** The SecretString; only for a string payload. */
  public String string() {
    if (binary) {
      throw new IllegalStateException("binary payload");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A copy of the raw bytes (UTF-8 for a string). */
  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] rawBytes() {
    return bytes;
  }

  /** Same kind and same bytes, compared in constant time. */
  boolean sameAs(SecretPayload other) {
    return binary == other.binary && MessageDigest.isEqual(bytes, other.bytes);
  }

  /** Overwrites the plaintext. */
  void wipe() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return binary ? "SecretPayload[binary]" : "SecretPayload[string]";
  }
}
