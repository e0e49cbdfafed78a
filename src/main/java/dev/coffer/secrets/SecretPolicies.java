package dev.coffer.secrets;

import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.PublicPolicyException;
import dev.coffer.policy.AccessAnalyzer;
import dev.coffer.policy.PolicyDocument;
import dev.coffer.policy.PolicyKind;
import dev.coffer.policy.PolicyParser;
import dev.coffer.policy.PolicyValidator;
import dev.coffer.policy.RequestPrincipal;
import dev.coffer.store.SecretRecord;
import java.util.Map;
import java.util.Optional;

/**
 * A secret's resource-based policy: PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy and
 * ValidateResourcePolicy (AWS API Reference; behaviour.md §12; compliance-and-iam.md §3.3). The
 * policy text is stored exactly as given. Enforcing it on requests is the authorizer's job, not
 * this class's.
 *
 * <p>Decisions where AWS is silent:
 *
 * <ul>
 *   <li>Put and Delete are writes, refused for a secret scheduled for deletion and for a replica
 *       like every other write; Get and Validate only read and work on a secret scheduled for
 *       deletion, as DescribeSecret does.
 *   <li>Deleting a policy from a secret that has none succeeds.
 *   <li>ValidateResourcePolicy reports a syntax error as a failed {@code SYNTAX_CHECK}, never as
 *       MalformedPolicyDocumentException: the operation exists to report what is wrong.
 *   <li>Without a SecretId, ValidateResourcePolicy checks the policy as if attached to a secret of
 *       the caller's account in the request's Region.
 * </ul>
 */
public final class SecretPolicies {
  /** NonEmptyResourcePolicyType: 1..20,480 characters (behaviour.md §2). */
  public static final int MAX_POLICY_CHARS = 20_480;

  private final SecretsService secrets;

  public SecretPolicies(SecretsService secrets) {
    this.secrets = secrets;
  }

  /**
   * A secret and its policy, as Put/Get/DeleteResourcePolicy answer.
   *
   * @param arn the secret's ARN
   * @param name the secret's name
   * @param policy the policy text; empty when the secret has none
   */
  public record PolicyView(String arn, String name, Optional<String> policy) {
    static PolicyView of(SecretRecord s) {
      return new PolicyView(s.arn(), s.name(), s.resourcePolicy());
    }
  }

  /**
   * PutResourcePolicy: replaces the secret's policy.
   *
   * @throws dev.coffer.core.error.MalformedPolicyDocumentException when the policy breaks the
   *     grammar of a resource policy
   * @throws PublicPolicyException when {@code blockPublicPolicy} is set and the policy grants
   *     access to everyone
   */
  public PolicyView put(
      RequestContext ctx, String secretId, String policy, boolean blockPublicPolicy) {
    return secrets
        .store()
        .write(tx -> {
          SecretAccess.Check check =
              SecretAccess.Check.of("PutResourcePolicy")
                  .with(SecretAccess.PREFIX + "BlockPublicPolicy", blockPublicPolicy);
          SecretRecord s = SecretsService.writable(secrets.resolve(tx, ctx, secretId, true, check));
          PolicyDocument doc = PolicyParser.parse(policy, PolicyKind.RESOURCE);
          if (blockPublicPolicy && AccessAnalyzer.allowsPublicAccess(doc, s.accountId())) {
            throw new PublicPolicyException(
                "The BlockPublicPolicy parameter is set to true, and the resource policy did not"
                    + " prevent broad access to the secret.");
          }
          SecretRecord saved =
              secrets
                  .replication()
                  .propagate(
                      tx,
                      tx.secrets()
                          .update(
                              s.toBuilder()
                                  .resourcePolicy(policy)
                                  .lastChangedAt(secrets.clock().instant())
                                  .build()));
          return PolicyView.of(saved);
        });
  }

  /** GetResourcePolicy. */
  public PolicyView get(RequestContext ctx, String secretId) {
    return secrets
        .store()
        .read(tx ->
            PolicyView.of(
                secrets.resolve(
                    tx, ctx, secretId, false, SecretAccess.Check.of("GetResourcePolicy"))));
  }

  /** DeleteResourcePolicy: removes the policy, if there is one. */
  public PolicyView delete(RequestContext ctx, String secretId) {
    return secrets
        .store()
        .write(tx -> {
          SecretRecord s =
              SecretsService.writable(
                  secrets.resolve(
                      tx, ctx, secretId, true, SecretAccess.Check.of("DeleteResourcePolicy")));
          if (s.resourcePolicy().isEmpty()) {
            return PolicyView.of(s);
          }
          SecretRecord saved =
              tx.secrets()
                  .update(
                      s.toBuilder()
                          .resourcePolicy(Optional.empty())
                          .lastChangedAt(secrets.clock().instant())
                          .build());
          return PolicyView.of(secrets.replication().propagate(tx, saved));
        });
  }

  /**
   * ValidateResourcePolicy: syntax, broad access and caller lock-out, as {@link PolicyValidator}
   * checks them.
   *
   * @param secretId the secret the policy is meant for; when empty, a hypothetical secret of the
   *     caller's account in the request's Region
   */
  public PolicyValidator.ValidationResult validate(
      RequestContext ctx, Optional<String> secretId, String policy) {
    // AWS API Reference, ValidateResourcePolicy, "Required permissions": the action itself and
    // PutResourcePolicy.
    SecretAccess.Check validate = SecretAccess.Check.of("ValidateResourcePolicy");
    SecretAccess.Check put = SecretAccess.Check.of("PutResourcePolicy");
    String arn;
    if (secretId.isPresent()) {
      arn =
          secrets
              .store()
              .read(tx -> {
                SecretRecord s = secrets.resolve(tx, ctx, secretId.get(), false, validate);
                secrets.access().authorize(ctx, put, s);
                return s;
              })
              .arn();
    } else {
      secrets.access().authorizeWithoutResource(ctx, validate);
      secrets.access().authorizeWithoutResource(ctx, put);
      arn = "arn:aws:secretsmanager:" + ctx.region() + ":" + ctx.accountId() + ":secret:*";
    }
    return PolicyValidator.validate(policy, arn, principal(ctx.caller()));
  }

  /** The caller as the policy engine names principals. */
  static RequestPrincipal principal(Caller caller) {
    return switch (caller.type()) {
      case Root -> RequestPrincipal.root(caller.accountId());
      case IAMUser -> RequestPrincipal.user(caller.arn(), caller.principalId(), Map.of());
      case AssumedRole -> assumedRole(caller);
      // Coffer's internal principals are IAM principals of their account, matched by their ARN.
      case AWSService -> RequestPrincipal.user(caller.arn(), caller.principalId(), Map.of());
    };
  }

  /**
   * A role session: the session ARN {@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION} names the
   * role but not its path, so the role ARN is rebuilt without one.
   */
  private static RequestPrincipal assumedRole(Caller caller) {
    String marker = ":assumed-role/";
    String arn = caller.arn();
    int at = arn.indexOf(marker);
    if (at < 0) {
      return RequestPrincipal.user(arn, caller.principalId(), Map.of());
    }
    String[] parts = arn.substring(at + marker.length()).split("/", 2);
    String roleArn = "arn:aws:iam::" + caller.accountId() + ":role/" + parts[0];
    String session = parts.length > 1 ? parts[1] : "";
    String roleId = caller.principalId().split(":", 2)[0];
    return RequestPrincipal.assumedRole(roleArn, roleId, session, Map.of());
  }
}
