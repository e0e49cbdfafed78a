package dev.coffer.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything the evaluator needs to decide one request (compliance-and-iam.md §4.5): who, what
 * action, on which resource, the condition keys, and the policies that apply.
 *
 * <p>The context is completed with the keys that follow from the principal and resource ({@code
 * aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code aws:userid},
 * {@code aws:username}, {@code aws:PrincipalTag/*}, {@code aws:PrincipalIsAWSService}, {@code
 * aws:PrincipalServiceName}, {@code aws:ResourceAccount}) unless the caller supplied them.
 *
 * @param principal the caller
 * @param action e.g. {@code secretsmanager:GetSecretValue}; matched without regard to case
 * @param resourceArn the full ARN of the resource, or {@code *} for actions without a resource
 * @param resourceAccount the account that owns the resource
 * @param context the condition keys, completed as described above
 * @param identityPolicies the principal's identity-based policies (inline, managed, group)
 * @param resourcePolicy the resource's policy (secret policy, key policy or trust policy)
 * @param permissionsBoundary the principal's permissions boundary, if it has one
 * @param sessionPolicy the session policy of a role session, if one was passed
 * @param options evaluation switches
 */
public record AuthorizationRequest(
    RequestPrincipal principal,
    String action,
    String resourceArn,
    String resourceAccount,
    ConditionContext context,
    List<PolicyDocument> identityPolicies,
    Optional<PolicyDocument> resourcePolicy,
    Optional<PolicyDocument> permissionsBoundary,
    Optional<PolicyDocument> sessionPolicy,
    EvaluationOptions options) {

  public AuthorizationRequest {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resourceArn, "resourceArn");
    Objects.requireNonNull(resourceAccount, "resourceAccount");
    Objects.requireNonNull(context, "context");
    identityPolicies = List.copyOf(identityPolicies);
    Objects.requireNonNull(resourcePolicy, "resourcePolicy");
    Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
    Objects.requireNonNull(sessionPolicy, "sessionPolicy");
    Objects.requireNonNull(options, "options");
    if (action.indexOf(':') <= 0) {
      throw new IllegalArgumentException("action must have the form service:Action: " + action);
    }
    context = complete(context, principal, resourceAccount);
  }

  /** Starts a request; the resource account defaults to the ARN's account field. */
  public static Builder builder(RequestPrincipal principal, String action, String resourceArn) {
    return new Builder(principal, action, resourceArn);
  }

  /** Whether caller and resource are in the same account (§4.6 vs cross-account rules). */
  public boolean sameAccount() {
    return principal.accountId().equals(resourceAccount);
  }

  /**
   * {@code given} with the principal's keys behind it (§4.5): aws:PrincipalArn, aws:PrincipalTag/*
   * and the like, produced when a policy reads them. Keys in {@code given} take precedence.
   */
  private static ConditionContext complete(
      ConditionContext given, RequestPrincipal p, String resourceAccount) {
    boolean aws = p.kind() != RequestPrincipal.Kind.SERVICE;
    boolean named = aws && p.kind() != RequestPrincipal.Kind.ANONYMOUS;
    return given.withFallback(k ->
        switch (k) {
          case "aws:principalarn" -> named ? List.of(p.principalArn()) : null;
          case "aws:principalaccount" -> named ? List.of(p.accountId()) : null;
          case "aws:principaltype" -> List.of(p.kind().principalType());
          case "aws:userid" -> p.userId().map(List::of).orElse(null);
          case "aws:username" -> p.userName().map(List::of).orElse(null);
          case "aws:principalisawsservice" -> List.of(Boolean.toString(!aws));
          case "aws:principalservicename" -> aws ? null : List.of(p.arn());
          case "aws:resourceaccount" -> resourceAccount.isEmpty() ? null : List.of(resourceAccount);
          default ->
              k.startsWith(PRINCIPAL_TAG) ? tag(p, k.substring(PRINCIPAL_TAG.length())) : null;
        });
  }

  private static final String PRINCIPAL_TAG = "aws:principaltag/";

  /** The value of the principal's tag {@code lowerKey} (tag keys compare without case). */
  private static @Nullable List<String> tag(RequestPrincipal p, String lowerKey) {
    for (Map.Entry<String, String> t : p.tags().entrySet()) {
      if (t.getKey().toLowerCase(Locale.ROOT).equals(lowerKey)) {
        return List.of(t.getValue());
      }
    }
    return null;
  }

  /** Assembles a request; everything but principal, action and resource is optional. */
  public static final class Builder {
    private final RequestPrincipal principal;
    private final String action;
    private final String resourceArn;
    private Optional<String> resourceAccount = Optional.empty();
    private ConditionContext context = ConditionContext.empty();
    private final List<PolicyDocument> identityPolicies = new ArrayList<>();
    private Optional<PolicyDocument> resourcePolicy = Optional.empty();
    private Optional<PolicyDocument> permissionsBoundary = Optional.empty();
    private Optional<PolicyDocument> sessionPolicy = Optional.empty();
    private EvaluationOptions options = EvaluationOptions.DEFAULTS;

    private Builder(RequestPrincipal principal, String action, String resourceArn) {
      this.principal = principal;
      this.action = action;
      this.resourceArn = resourceArn;
    }

    /** The account owning the resource, when the ARN does not say (e.g. resource {@code *}). */
    public Builder resourceAccount(String account) {
      this.resourceAccount = Optional.of(account);
      return this;
    }

    /** The request's condition keys. */
    public Builder context(ConditionContext context) {
      this.context = context;
      return this;
    }

    /** The request's condition keys, from a map. */
    public Builder context(Map<String, List<String>> keys) {
      return context(ConditionContext.of(keys));
    }

    /** Adds identity-based policies of the principal. */
    public Builder identityPolicies(List<PolicyDocument> policies) {
      identityPolicies.addAll(policies);
      return this;
    }

    /** Adds one identity-based policy. */
    public Builder identityPolicy(PolicyDocument policy) {
      identityPolicies.add(policy);
      return this;
    }

    /** The resource's policy. */
    public Builder resourcePolicy(PolicyDocument policy) {
      this.resourcePolicy = Optional.of(policy);
      return this;
    }

    /** The principal's permissions boundary. */
    public Builder permissionsBoundary(PolicyDocument policy) {
      this.permissionsBoundary = Optional.of(policy);
      return this;
    }

    /** The session policy of a role session. */
    public Builder sessionPolicy(PolicyDocument policy) {
      this.sessionPolicy = Optional.of(policy);
      return this;
    }

    /** Evaluation switches. */
    public Builder options(EvaluationOptions options) {
      this.options = options;
      return this;
    }

    /** The request. */
    public AuthorizationRequest build() {
      String account =
          resourceAccount.orElseGet(() -> {
            String[] parts = resourceArn.split(":", 6);
            return parts.length == 6 && !parts[4].isEmpty() ? parts[4] : principal.accountId();
          });
      return new AuthorizationRequest(
          principal,
          action,
          resourceArn,
          account,
          context,
          identityPolicies,
          resourcePolicy,
          permissionsBoundary,
          sessionPolicy,
          options);
    }
  }
}
