package dev.coffer.auth.iam;

/** ARNs of identities, as IAM and STS write them. */
public final class IamArns {
  private IamArns() {}

  public static String user(String accountId, String path, String name) {
    return "arn:aws:iam::" + accountId + ":user" + path + name;
  }

  public static String group(String accountId, String path, String name) {
    return "arn:aws:iam::" + accountId + ":group" + path + name;
  }

  public static String role(String accountId, String path, String name) {
    return "arn:aws:iam::" + accountId + ":role" + path + name;
  }

  public static String policy(String accountId, String path, String name) {
    return "arn:aws:iam::" + accountId + ":policy" + path + name;
  }

  /** A role session: {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} (no path). */
  public static String assumedRole(String accountId, String roleName, String sessionName) {
    return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
  }

  /** The account of an IAM or STS ARN, or empty text when it is not one. */
  public static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 ? parts[4] : "";
  }
}
