package dev.coffer.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The principal a request is evaluated for.
 *
 * @param kind what sort of principal it is
 * @param arn its ARN; for a session, the session ARN {@code arn:aws:sts::ACCT:assumed-role/R/S};
 *     for a service principal, the service name, e.g. {@code secretsmanager.amazonaws.com}
 * @param accountId the 12-digit account, empty for service and anonymous principals
 * @param roleArn for a role session, the IAM ARN of the role (with its path), which the session ARN
 *     does not carry
 * @param userId the unique id exposed as {@code aws:userid}, if known
 * @param tags principal tags ({@code aws:PrincipalTag/...})
 */
public record RequestPrincipal(
    Kind kind,
    String arn,
    String accountId,
    Optional<String> roleArn,
    Optional<String> userId,
    Map<String, String> tags) {

  /** The kinds of principal the evaluator distinguishes (compliance-and-iam.md §4.4 and §4.6). */
  public enum Kind {
    ROOT("Account"),
    USER("User"),
    ASSUMED_ROLE("AssumedRole"),
    FEDERATED_USER("FederatedUser"),
    SERVICE("AWSService"),
    ANONYMOUS("Anonymous");

    private final String principalType;

    Kind(String principalType) {
      this.principalType = principalType;
    }

    /** The value of {@code aws:PrincipalType}. */
    public String principalType() {
      return principalType;
    }
  }

  public RequestPrincipal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(userId, "userId");
    tags = Map.copyOf(tags);
    boolean needsAccount = kind != Kind.SERVICE && kind != Kind.ANONYMOUS;
    if (needsAccount && !PrincipalElement.isAccountId(accountId)) {
      throw new IllegalArgumentException("accountId must be 12 digits: " + accountId);
    }
    if (kind == Kind.ASSUMED_ROLE && roleArn.isEmpty()) {
      throw new IllegalArgumentException("a role session needs the role ARN");
    }
  }

  /** The root user of {@code accountId}. */
  public static RequestPrincipal root(String accountId) {
    return new RequestPrincipal(
        Kind.ROOT,
        "arn:aws:iam::" + accountId + ":root",
        accountId,
        Optional.empty(),
        Optional.of(accountId),
        Map.of());
  }

  /** An IAM user, e.g. {@code arn:aws:iam::123456789012:user/path/alice}. */
  public static RequestPrincipal user(String userArn, String userId, Map<String, String> tags) {
    return new RequestPrincipal(
        Kind.USER, userArn, accountOf(userArn), Optional.empty(), Optional.of(userId), tags);
  }

  /**
   * A session of role {@code roleArn} named {@code sessionName}; {@code roleId} is the role's
   * unique id, so {@code aws:userid} becomes {@code roleId:sessionName}.
   */
  public static RequestPrincipal assumedRole(
      String roleArn, String roleId, String sessionName, Map<String, String> tags) {
    String account = accountOf(roleArn);
    String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    String sessionArn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
    return new RequestPrincipal(
        Kind.ASSUMED_ROLE,
        sessionArn,
        account,
        Optional.of(roleArn),
        Optional.of(roleId + ":" + sessionName),
        tags);
  }

  /** An AWS service principal such as {@code secretsmanager.amazonaws.com}. */
  public static RequestPrincipal service(String serviceName) {
    return new RequestPrincipal(
        Kind.SERVICE, serviceName, "", Optional.empty(), Optional.empty(), Map.of());
  }

  /** An unauthenticated caller, matched only by a {@code "*"} principal. */
  public static RequestPrincipal anonymous() {
    return new RequestPrincipal(
        Kind.ANONYMOUS, "anonymous", "", Optional.empty(), Optional.empty(), Map.of());
  }

  /** The fifth field of an ARN. */
  static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      throw new IllegalArgumentException("not an ARN: " + arn);
    }
    return parts[4];
  }

  /**
   * {@code aws:username}: the friendly name of an IAM user (last path element); absent for other
   * principals (§4.4).
   */
  public Optional<String> userName() {
    return kind == Kind.USER
        ? Optional.of(arn.substring(arn.lastIndexOf('/') + 1))
        : Optional.empty();
  }

  /**
   * {@code aws:PrincipalArn}: the role ARN for a role session, otherwise the principal's ARN
   * (§4.5).
   */
  public String principalArn() {
    return roleArn.orElse(arn);
  }
}
