package dev.coffer.kms;

/** KMS ARNs: {@code arn:aws:kms:<region>:<account>:key/<id>} and {@code ...:alias/<name>}. */
public final class KmsArns {
  private KmsArns() {}

  public static String key(String region, String accountId, String keyId) {
    return "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
  }

  /** The ARN of an alias; {@code aliasName} includes its {@code alias/} prefix. */
  public static String alias(String region, String accountId, String aliasName) {
    return "arn:aws:kms:" + region + ":" + accountId + ":" + aliasName;
  }
}
