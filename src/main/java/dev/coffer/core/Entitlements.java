package dev.coffer.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What access control needs to know about a principal beyond its name: the facts behind the {@code
 * aws:} principal condition keys and the identity-based policies that apply to it. The
 * authentication layer fills it in from the identity store; the services hand it to the policy
 * engine. Policies travel as their JSON text so that the layers below need no policy types; the
 * authorizer parses (and caches) them.
 *
 * @param userName the IAM user name ({@code aws:username}), for IAM users only
 * @param roleArn for a role session, the IAM ARN of the role (with its path)
 * @param tags principal tags, session tags included ({@code aws:PrincipalTag/...})
 * @param identityPolicies the identity-based policy documents: inline, attached managed and those
 *     of the user's groups
 * @param permissionsBoundary the principal's permissions boundary document, if it has one
 * @param sessionPolicy the session policy passed to AssumeRole, if any
 * @param mfaPresent whether the session was authenticated with MFA ({@code
 *     aws:MultiFactorAuthPresent})
 */
public record Entitlements(
    Optional<String> userName,
    Optional<String> roleArn,
    Map<String, String> tags,
    List<String> identityPolicies,
    Optional<String> permissionsBoundary,
    Optional<String> sessionPolicy,
    boolean mfaPresent) {

  /** No tags, no policies: what the account root and internal principals carry. */
  public static final Entitlements NONE =
      new Entitlements(
          Optional.empty(),
          Optional.empty(),
          Map.of(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          false);

  public Entitlements {
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(roleArn, "roleArn");
    tags = Map.copyOf(tags);
    identityPolicies = List.copyOf(identityPolicies);
    Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
    Objects.requireNonNull(sessionPolicy, "sessionPolicy");
  }
}
