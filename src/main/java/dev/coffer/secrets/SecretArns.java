package dev.coffer.secrets;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Secret ARNs: {@code arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>}. The
 * suffix is regenerated whenever a name is created again, so permissions granted on a deleted
 * secret's ARN never carry over to a new secret of the same name (AWS User Guide, "What's in a
 * secret").
 */
public final class SecretArns {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretArns() {}

  /** A new ARN for {@code name} with a random 6-character alphanumeric suffix. */
  public static String newArn(String region, String accountId, String name) {
    StringBuilder sb = new StringBuilder(prefix(region, accountId)).append(name).append('-');
    for (int i = 0; i < 6; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** The same ARN in another region (a replica's ARN). */
  public static String inRegion(String arn, String region) {
    Parsed p = parse(arn).orElseThrow();
    return prefix(region, p.accountId()) + p.resource();
  }

  static String prefix(String region, String accountId) {
    return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:";
  }

  /**
   * The parts of a secret ARN, full or partial.
   *
   * @param region the ARN's region
   * @param accountId the ARN's account
   * @param resource what follows {@code secret:} (a name with or without its suffix)
   */
  public record Parsed(String region, String accountId, String resource) {}

  /** Parses a secret ARN; empty when {@code arn} is not one. */
  public static Optional<Parsed> parse(String arn) {
    String[] parts = arn.split(":", 7);
    if (parts.length != 7
        || !parts[0].equals("arn")
        || !parts[2].equals("secretsmanager")
        || !parts[5].equals("secret")
        || parts[6].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(parts[3], parts[4], parts[6]));
  }
}
