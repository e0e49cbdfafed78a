package dev.coffer.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/** Cryptographically secure random bytes from the JDK's default {@link SecureRandom}. */
public final class RandomBytes {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomBytes() {}

  /** {@code n} random bytes for a value that is not key material (ids, GenerateRandom). */
  public static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** {@code n} random bytes of key material, held in a {@link SecretBytes}. */
  public static SecretBytes secret(int n) {
    byte[] b = bytes(n);
    try {
      return SecretBytes.copyOf(b);
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }
}
