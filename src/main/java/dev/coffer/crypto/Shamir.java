package dev.coffer.crypto;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shamir's secret sharing over GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1: each byte
 * of the secret is the constant term of its own random polynomial of degree {@code threshold - 1};
 * share {@code x} (1..255) holds the polynomials' values at {@code x}, and any {@code threshold}
 * shares give the secret back by Lagrange interpolation at 0. Fewer shares reveal nothing about it.
 */
final class Shamir {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int[] EXP = new int[512];
  private static final int[] LOG = new int[256];

  static {
    int v = 1;
    for (int i = 0; i < 255; i++) {
      EXP[i] = v;
      LOG[v] = i;
      v = mulNoTable(v, 3);
    }
    for (int i = 255; i < 512; i++) {
      EXP[i] = EXP[i - 255];
    }
  }

  /** One share: its x coordinate and the polynomials' values there. */
  record Share(int x, byte[] y) {}

  private Shamir() {}

  static List<Share> split(byte[] secret, int shares, int threshold) {
    if (threshold < 2 || shares < threshold || shares > 255) {
      throw new IllegalArgumentException("need 2 <= threshold <= shares <= 255");
    }
    List<Share> out = new ArrayList<>();
    for (int x = 1; x <= shares; x++) {
      out.add(new Share(x, new byte[secret.length]));
    }
    int[] coefficients = new int[threshold];
    for (int i = 0; i < secret.length; i++) {
      coefficients[0] = secret[i] & 0xff;
      for (int c = 1; c < threshold; c++) {
        coefficients[c] = RANDOM.nextInt(256);
      }
      for (Share s : out) {
        s.y()[i] = (byte) evaluate(coefficients, s.x());
      }
    }
    Arrays.fill(coefficients, 0);
    return out;
  }

  /** The secret from shares with distinct x coordinates (the caller checks there are enough). */
  static byte[] combine(List<Share> shares) {
    int length = shares.get(0).y().length;
    byte[] secret = new byte[length];
    for (int i = 0; i < length; i++) {
      int acc = 0;
      for (Share a : shares) {
        // Lagrange basis at 0: prod over b != a of x_b / (x_b - x_a); minus is xor in GF(2^8).
        int basis = 1;
        for (Share b : shares) {
          if (b != a) {
            basis = mul(basis, div(b.x(), b.x() ^ a.x()));
          }
        }
        acc ^= mul(a.y()[i] & 0xff, basis);
      }
      secret[i] = (byte) acc;
    }
    return secret;
  }

  private static int evaluate(int[] coefficients, int x) {
    int acc = 0;
    for (int c = coefficients.length - 1; c >= 0; c--) {
      acc = mul(acc, x) ^ coefficients[c];
    }
    return acc;
  }

  static int mul(int a, int b) {
    return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
  }

  static int div(int a, int b) {
    if (b == 0) {
      throw new ArithmeticException("division by zero in GF(256)");
    }
    return a == 0 ? 0 : EXP[LOG[a] + 255 - LOG[b]];
  }

  private static int mulNoTable(int a, int b) {
    int p = 0;
    while (b != 0) {
      if ((b & 1) != 0) {
        p ^= a;
      }
      a <<= 1;
      if ((a & 0x100) != 0) {
        a ^= 0x11b;
      }
      b >>= 1;
    }
    return p;
  }
}
