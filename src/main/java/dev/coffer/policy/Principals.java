package dev.coffer.policy;

import dev.coffer.core.Caller;
import java.util.Map;

/** Maps an authenticated {@link Caller} to the principal the evaluator reasons about. */
public final class Principals {
  private Principals() {}

  /**
   * The caller as the policy engine names principals. Coffer's internal principals (rotation,
   * deletion, compliance) act as the root user of their account: they do what the account asked
   * for, and only an explicit deny stops them.
   */
  public static RequestPrincipal of(Caller caller) {
    Map<String, String> tags = caller.entitlements().tags();
    return switch (caller.type()) {
      case Root, AWSService -> RequestPrincipal.root(caller.accountId());
      case IAMUser -> RequestPrincipal.user(caller.arn(), caller.principalId(), tags);
      case AssumedRole -> assumedRole(caller, tags);
    };
  }

  /**
   * A role session. The session ARN {@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION} names the
   * role but not its path; the role ARN comes from the entitlements when the identity store knows
   * it, otherwise it is rebuilt without a path.
   */
  private static RequestPrincipal assumedRole(Caller caller, Map<String, String> tags) {
    String marker = ":assumed-role/";
    String arn = caller.arn();
    int at = arn.indexOf(marker);
    if (at < 0) {
      return RequestPrincipal.user(arn, caller.principalId(), tags);
    }
    String[] parts = arn.substring(at + marker.length()).split("/", 2);
    String roleArn =
        caller
            .entitlements()
            .roleArn()
            .orElse("arn:aws:iam::" + caller.accountId() + ":role/" + parts[0]);
    String session = parts.length > 1 ? parts[1] : "";
    String roleId = caller.principalId().split(":", 2)[0];
    return RequestPrincipal.assumedRole(roleArn, roleId, session, tags);
  }
}
