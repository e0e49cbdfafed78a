package dev.coffer.protocol.query;

import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.policy.Authorizer;
import dev.coffer.policy.PolicyKind;
import java.util.Map;
import java.util.Optional;

/**
 * Decides IAM and STS calls with the shared {@link Authorizer}: the account root and Coffer's own
 * service principals may make any call on their own account's identities; users and role sessions
 * need an identity policy that allows the action on the resource (explicit deny first, then an
 * allow, else implicit deny), limited by the session policy of a role session. AssumeRole adds the
 * role's trust policy as the resource-side policy, which must allow explicitly.
 */
public final class IdentityAuthorizer {
  private final Authorizer authorizer;

  public IdentityAuthorizer(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /**
   * Returns normally when {@code ctx}'s caller may perform {@code action} on {@code resourceArn}.
   *
   * @throws AccessDeniedException otherwise, in AWS's wording
   */
  public void authorize(RequestContext ctx, String action, String resourceArn) {
    authorizer.authorize(
        ctx,
        action,
        Authorizer.Resource.withoutPolicy(
            resourceArn, resourceAccount(resourceArn, ctx.accountId())),
        Map.of());
  }

  /**
   * As {@link #authorize(RequestContext, String, String)} with the role's trust policy as the
   * resource-side policy.
   */
  public void authorizeAssumeRole(
      RequestContext ctx, String action, String roleArn, String trustPolicy) {
    authorizer.authorize(
        ctx,
        action,
        new Authorizer.Resource(
            roleArn,
            resourceAccount(roleArn, ctx.accountId()),
            Optional.of(trustPolicy),
            PolicyKind.TRUST),
        Map.of());
  }

  /** The account field of an ARN, or the caller's account for {@code *}. */
  private static String resourceAccount(String resourceArn, String callerAccount) {
    String[] parts = resourceArn.split(":", 6);
    return parts.length == 6 && !parts[4].isEmpty() ? parts[4] : callerAccount;
  }
}
