package dev.coffer.policy;

import dev.coffer.core.Caller;
import dev.coffer.core.Entitlements;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.core.error.MalformedPolicyDocumentException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether the caller of a request may perform an action on a resource, with the IAM
 * evaluation logic of {@link PolicyEvaluator} (compliance-and-iam.md §4.6): the caller's identity
 * policies, permissions boundary and session policy (from {@link Entitlements}), the resource's
 * policy, explicit deny first, cross-account access needing both sides.
 *
 * <p>It is shared by every service and holds no request state: its only field is a bounded cache
 * from policy text to parsed document, so a principal's policies are parsed once, not on every
 * request. The cache never changes a decision, only its cost.
 *
 * <p>Two shortcuts, both exact: the root user of the account that owns a resource, and Coffer's
 * internal principals acting in that account, are allowed without evaluation when the resource has
 * no policy (nothing could deny them); with a resource policy they are evaluated, so an explicit
 * deny still applies and a key policy must still allow.
 */
public final class Authorizer {
  /** Entries the parse cache holds by default: far more policies than a server usually has. */
  public static final int DEFAULT_CACHE_ENTRIES = 4_096;

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

  private final int maxEntries;
  private final ConcurrentHashMap<CacheKey, PolicyDocument> parsed = new ConcurrentHashMap<>();

  /** An authorizer whose parse cache holds {@link #DEFAULT_CACHE_ENTRIES} documents. */
  public Authorizer() {
    this(DEFAULT_CACHE_ENTRIES);
  }

  /** An authorizer whose parse cache holds at most {@code maxEntries} documents. */
  public Authorizer(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.maxEntries = maxEntries;
  }

  /**
   * The resource a request acts on.
   *
   * @param arn its ARN, or {@code *} for actions that have no resource (ListSecrets)
   * @param accountId the account that owns it
   * @param policy its resource-based policy text (secret policy, key policy), if it has one
   * @param policyKind what kind of policy that is
   */
  public record Resource(
      String arn, String accountId, Optional<String> policy, PolicyKind policyKind) {
    public Resource {
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(policyKind, "policyKind");
    }

    /** A resource without a policy of its own, e.g. {@code *} in the caller's account. */
    public static Resource withoutPolicy(String arn, String accountId) {
      return new Resource(arn, accountId, Optional.empty(), PolicyKind.RESOURCE);
    }
  }

  /**
   * Decides whether {@code ctx}'s caller may perform {@code action} on {@code resource}.
   *
   * @param keys the service-specific and request-specific condition keys (e.g. {@code
   *     secretsmanager:VersionStage}, {@code aws:RequestTag/team}); the global keys of the request
   *     context are added here
   */
  public Decision decide(
      RequestContext ctx, String action, Resource resource, Map<String, List<String>> keys) {
    Caller caller = ctx.caller();
    boolean actsAsRoot =
        caller.type() == Caller.Type.Root || caller.type() == Caller.Type.AWSService;
    if (actsAsRoot
        && resource.policy().isEmpty()
        && !resource.policyKind().mustAllowExplicitly()
        && caller.accountId().equals(resource.accountId())) {
      return Decision.allow(List.of());
    }
    Entitlements e = caller.entitlements();
    List<PolicyDocument> identity;
    Optional<PolicyDocument> boundary;
    Optional<PolicyDocument> session;
    Optional<PolicyDocument> resourcePolicy;
    Decision.PolicySource reading = Decision.PolicySource.RESOURCE;
    try {
      resourcePolicy = resource.policy().map(p -> parse(p, resource.policyKind()));
      reading = Decision.PolicySource.IDENTITY;
      identity = new ArrayList<>(e.identityPolicies().size());
      for (String p : e.identityPolicies()) {
        identity.add(parse(p, PolicyKind.IDENTITY));
      }
      reading = Decision.PolicySource.PERMISSIONS_BOUNDARY;
      boundary = e.permissionsBoundary().map(p -> parse(p, PolicyKind.IDENTITY));
      reading = Decision.PolicySource.SESSION;
      session = e.sessionPolicy().map(p -> parse(p, PolicyKind.IDENTITY));
    } catch (MalformedPolicyDocumentException unreadable) {
      // Stored policies were checked when they were saved; one that no longer parses cannot be
      // known to allow or not to deny, so nothing is allowed (fail closed).
      return new Decision(
          Decision.Outcome.EXPLICIT_DENY,
          List.of(new Decision.DecidingStatement(reading, 0, 0, Optional.of("unreadable policy"))),
          Optional.empty());
    }
    AuthorizationRequest.Builder b =
        AuthorizationRequest.builder(Principals.of(caller), action, resource.arn())
            .resourceAccount(resource.accountId())
            .context(context(ctx, keys))
            .identityPolicies(identity);
    resourcePolicy.ifPresent(b::resourcePolicy);
    boundary.ifPresent(b::permissionsBoundary);
    session.ifPresent(b::sessionPolicy);
    return PolicyEvaluator.evaluate(b.build());
  }

  /**
   * Like {@link #decide}, but a denial is thrown.
   *
   * @throws AccessDeniedException in AWS's words: {@code User: <arn> is not authorized to perform:
   *     <action> on resource: <arn> because no identity-based policy allows the <action> action} or
   *     {@code ... with an explicit deny in a <type> policy}
   */
  public void authorize(
      RequestContext ctx, String action, Resource resource, Map<String, List<String>> keys) {
    Decision d = decide(ctx, action, resource, keys);
    if (!d.allowed()) {
      throw new AccessDeniedException(d.message(ctx.caller().arn(), action, resource.arn()));
    }
  }

  /**
   * The global condition keys of the request (§4.5) merged with {@code keys}. Principal keys
   * ({@code aws:PrincipalArn}, {@code aws:userid}, {@code aws:PrincipalTag/...}) are added by
   * {@link AuthorizationRequest}.
   */
  static ConditionContext context(RequestContext ctx, Map<String, List<String>> keys) {
    return ConditionContext.of(keys).withFallback(globalKeys(ctx));
  }

  /**
   * The global condition keys of a request (§4.5), produced when a policy reads them; the request's
   * own keys, given to {@link #context}, take precedence over them.
   */
  private static dev.coffer.policy.internal.Template.Lookup globalKeys(RequestContext ctx) {
    Caller c = ctx.caller();
    return k ->
        switch (k) {
          case "aws:sourceip" -> List.of(ctx.sourceIp());
          case "aws:securetransport" -> List.of(Boolean.toString(ctx.secureTransport()));
          case "aws:currenttime" -> List.of(ISO.format(ctx.time().truncatedTo(ChronoUnit.SECONDS)));
          case "aws:epochtime" -> List.of(Long.toString(ctx.time().getEpochSecond()));
          case "aws:requestedregion" -> List.of(ctx.region());
          case "aws:useragent" -> ctx.userAgent().isEmpty() ? null : List.of(ctx.userAgent());
          case "aws:sourcevpce" -> ctx.sourceVpce().map(List::of).orElse(null);
          case "aws:username" -> c.entitlements().userName().map(List::of).orElse(null);
          case "aws:userid" -> List.of(c.principalId());
          // IAM sets aws:MultiFactorAuthPresent for temporary credentials only; a request signed
          // with a long-term access key does not carry it unless MFA is known to be present (§4.5).
          case "aws:multifactorauthpresent" ->
              c.entitlements().mfaPresent() || c.type() == Caller.Type.AssumedRole
                  ? List.of(Boolean.toString(c.entitlements().mfaPresent()))
                  : null;
          default -> null;
        };
  }

  /**
   * Parses {@code json} as a policy of {@code kind}, from the cache when it was parsed before.
   *
   * @throws MalformedPolicyDocumentException when it is not a valid policy of that kind
   */
  public PolicyDocument parse(String json, PolicyKind kind) {
    CacheKey key = new CacheKey(kind, json);
    PolicyDocument doc = parsed.get(key);
    if (doc != null) {
      return doc;
    }
    doc = PolicyParser.parse(json, kind);
    if (parsed.size() >= maxEntries) {
      evictOne();
    }
    parsed.putIfAbsent(key, doc);
    return doc;
  }

  /** How many parsed documents the cache holds (for tests and metrics). */
  public int cachedPolicies() {
    return parsed.size();
  }

  /**
   * Makes room by dropping an arbitrary entry: a full cache means the server has more distinct
   * policies than the bound, and any entry is as likely as another to be needed again.
   */
  private void evictOne() {
    Iterator<CacheKey> it = parsed.keySet().iterator();
    if (it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private record CacheKey(PolicyKind kind, String json) {}
}
