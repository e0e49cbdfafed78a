package dev.coffer.auth.iam;

import java.security.SecureRandom;

/**
 * Fresh identifiers in AWS's shapes: unique ids and access key ids are a four-letter prefix and 16
 * base-32 characters ({@code AIDA} users, {@code AROA} roles, {@code AGPA} groups, {@code ANPA}
 * policies, {@code AKIA} long-term keys, {@code ASIA} temporary keys); secret keys are 40
 * characters of base64's alphabet.
 */
final class IamIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private IamIds() {}

  static String id(String prefix) {
    return prefix + random(BASE32, 16);
  }

  static String secretAccessKey() {
    return random(SECRET, 40);
  }

  /** An opaque session token: 256 random bits, like AWS's much longer tokens unguessable. */
  static String sessionToken() {
    return "FwoGZXIvYXdzE" + random(SECRET, 180);
  }

  private static String random(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
