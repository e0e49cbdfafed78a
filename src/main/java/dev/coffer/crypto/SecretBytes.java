package dev.coffer.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Key material in memory. The bytes are copied in and out, never exposed by reference, so a caller
 * cannot change them; {@link #equals} compares in constant time; {@link #toString} never prints
 * them; {@link #destroy} overwrites them once the key is no longer needed.
 */
public final class SecretBytes {
  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Takes a copy of {@code bytes}; the caller should wipe its own array. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** A copy of the key bytes; the caller must wipe it after use. */
  public byte[] toByteArray() {
    if (destroyed) {
      throw new IllegalStateException("key material was destroyed");
    }
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** Overwrites the key bytes with zeros; later reads fail. */
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretBytes that && MessageDigest.isEqual(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return bytes.length;
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes]";
  }
}
