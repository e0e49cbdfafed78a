package dev.coffer.protocol.query;

import dev.coffer.core.Caller;
import dev.coffer.core.Entitlements;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.policy.AuthorizationRequest;
import dev.coffer.policy.ConditionContext;
import dev.coffer.policy.Decision;
import dev.coffer.policy.PolicyDocument;
import dev.coffer.policy.PolicyEvaluator;
import dev.coffer.policy.PolicyKind;
import dev.coffer.policy.PolicyParser;
import dev.coffer.policy.RequestPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides IAM and STS calls: the account root and Coffer's own service principals may make any;
 * users and role sessions need an identity policy that allows the action on the resource, with the
 * IAM evaluation logic (explicit deny first, then an allow, else implicit deny), limited by the
 * session policy of a role session.
 */
public final class IdentityAuthorizer {
  private IdentityAuthorizer() {}

  /**
   * Returns normally when {@code ctx}'s caller may perform {@code action} on {@code resourceArn}.
   *
   * @throws AccessDeniedException otherwise, in AWS's wording
   */
  public static void authorize(RequestContext ctx, String action, String resourceArn) {
    authorize(ctx, action, resourceArn, Optional.empty());
  }

  /**
   * As {@link #authorize(RequestContext, String, String)}, with a resource-side policy (a role's
   * trust policy for AssumeRole) that must also allow.
   */
  public static void authorize(
      RequestContext ctx, String action, String resourceArn, Optional<PolicyDocument> resource) {
    Caller c = ctx.caller();
    if (resource.isEmpty()
        && (c.type() == Caller.Type.Root || c.type() == Caller.Type.AWSService)) {
      return;
    }
    Decision d = PolicyEvaluator.evaluate(request(ctx, action, resourceArn, resource));
    if (!d.allowed()) {
      throw new AccessDeniedException(d.message(c.arn(), action, resourceArn));
    }
  }

  /** The evaluator's view of the caller. */
  public static RequestPrincipal principal(Caller c) {
    Entitlements e = c.entitlements();
    return switch (c.type()) {
      case Root -> RequestPrincipal.root(c.accountId());
      case IAMUser -> RequestPrincipal.user(c.arn(), c.principalId(), e.tags());
      case AssumedRole ->
          RequestPrincipal.assumedRole(
              e.roleArn().orElse(c.arn()),
              c.principalId().substring(0, Math.max(0, c.principalId().indexOf(':'))),
              c.arn().substring(c.arn().lastIndexOf('/') + 1),
              e.tags());
      case AWSService -> RequestPrincipal.service("secretsmanager.amazonaws.com");
    };
  }

  /** The account field of an ARN, or the caller's account for {@code *}. */
  private static String resourceAccount(String resourceArn, String callerAccount) {
    String[] parts = resourceArn.split(":", 6);
    return parts.length == 6 && !parts[4].isEmpty() ? parts[4] : callerAccount;
  }

  private static AuthorizationRequest request(
      RequestContext ctx, String action, String resourceArn, Optional<PolicyDocument> resource) {
    Caller c = ctx.caller();
    Entitlements e = c.entitlements();
    List<PolicyDocument> identity = new ArrayList<>();
    for (String doc : e.identityPolicies()) {
      identity.add(PolicyParser.parse(doc, PolicyKind.IDENTITY, Integer.MAX_VALUE));
    }
    AuthorizationRequest.Builder b =
        AuthorizationRequest.builder(principal(c), action, resourceArn)
            .resourceAccount(resourceAccount(resourceArn, c.accountId()))
            .identityPolicies(identity)
            .context(
                ConditionContext.of(
                    Map.of(
                        "aws:CurrentTime", List.of(ctx.time().toString()),
                        "aws:EpochTime", List.of(Long.toString(ctx.time().getEpochSecond())),
                        "aws:SourceIp", List.of(ctx.sourceIp()),
                        "aws:SecureTransport", List.of(Boolean.toString(ctx.secureTransport())),
                        "aws:MultiFactorAuthPresent", List.of(Boolean.toString(e.mfaPresent())))));
    resource.ifPresent(b::resourcePolicy);
    e.sessionPolicy()
        .ifPresent(p -> b.sessionPolicy(PolicyParser.parse(p, PolicyKind.IDENTITY, 65_536)));
    return b.build();
  }
}
