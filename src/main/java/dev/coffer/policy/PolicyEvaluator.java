package dev.coffer.policy;

import dev.coffer.policy.Decision.DecidingStatement;
import dev.coffer.policy.Decision.PolicySource;
import dev.coffer.policy.PrincipalElement.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides requests with the IAM evaluation logic (compliance-and-iam.md §4.6):
 *
 * <ol>
 *   <li>A matching Deny in any applicable policy is an explicit deny, whatever else allows.
 *   <li>Same account: an Allow in the identity policies or in the resource policy suffices. A
 *       resource-policy Allow that names the caller's exact ARN is not limited by boundaries or
 *       session policies; one that names the role, or everyone, is; one that names only the account
 *       delegates to the identity policies and grants nothing itself.
 *   <li>Cross account: both the identity policies (caller's account) and the resource policy
 *       (resource's account) must allow.
 *   <li>KEY and TRUST resource policies must allow explicitly; naming the account root enables the
 *       identity policies of that account.
 *   <li>The account root is not governed by identity policies; service principals and anonymous
 *       callers can only be granted access by the resource policy.
 * </ol>
 *
 * The evaluator is pure and allocation-light: patterns and conditions were compiled by the parser.
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  /** Decides {@code request}. */
  public static Decision evaluate(AuthorizationRequest request) {
    Scan identity = new Scan(request.options().collectAllDenies());
    List<PolicyDocument> ids = request.identityPolicies();
    for (int i = 0; i < ids.size(); i++) {
      identity.scan(ids.get(i), PolicySource.IDENTITY, i, request, false);
    }
    Scan resource = new Scan(request.options().collectAllDenies());
    request
        .resourcePolicy()
        .ifPresent(p -> resource.scan(p, PolicySource.RESOURCE, 0, request, true));
    Scan boundary =
        scanOptional(request.permissionsBoundary(), PolicySource.PERMISSIONS_BOUNDARY, request);
    Scan session = scanOptional(request.sessionPolicy(), PolicySource.SESSION, request);

    List<DecidingStatement> denies = new ArrayList<>();
    for (Scan s : new Scan[] {identity, resource, boundary, session}) {
      denies.addAll(s.denies);
    }
    if (!denies.isEmpty()) {
      return Decision.explicitDeny(denies);
    }
    return allowOrImplicitDeny(request, identity, resource, boundary, session);
  }

  private static Scan scanOptional(
      Optional<PolicyDocument> doc, PolicySource source, AuthorizationRequest request) {
    Scan s = new Scan(request.options().collectAllDenies());
    doc.ifPresent(p -> s.scan(p, source, 0, request, false));
    return s;
  }

  private static Decision allowOrImplicitDeny(
      AuthorizationRequest req, Scan identity, Scan resource, Scan boundary, Scan session) {
    RequestPrincipal.Kind kind = req.principal().kind();
    DecidingStatement resAllow = resource.allow;
    Match resMatch = resAllow == null ? Match.NONE : resource.allowMatch;
    if (kind == RequestPrincipal.Kind.SERVICE || kind == RequestPrincipal.Kind.ANONYMOUS) {
      boolean granted = resAllow != null && resMatch.compareTo(Match.ACCOUNT) > 0;
      return granted
          ? Decision.allow(List.of(resAllow))
          : Decision.implicitDeny(PolicySource.RESOURCE);
    }
    boolean mustAllow =
        req.options().resourcePolicyMustAllow()
            || req.resourcePolicy().map(p -> p.kind().mustAllowExplicitly()).orElse(false);
    boolean boundaryOk = req.permissionsBoundary().isEmpty() || boundary.allow != null;
    boolean sessionOk = req.sessionPolicy().isEmpty() || session.allow != null;

    if (req.sameAccount() && resAllow != null) {
      if (resMatch == Match.EXACT) {
        return Decision.allow(List.of(resAllow));
      }
      if (resMatch == Match.ROLE || resMatch == Match.WILDCARD) {
        if (!boundaryOk) {
          return Decision.implicitDeny(PolicySource.PERMISSIONS_BOUNDARY);
        }
        return sessionOk
            ? Decision.allow(List.of(resAllow))
            : Decision.implicitDeny(PolicySource.SESSION);
      }
    }
    boolean resourceRequired = mustAllow || !req.sameAccount();
    if (resourceRequired && resAllow == null) {
      return Decision.implicitDeny(PolicySource.RESOURCE);
    }
    // The account root is not subject to identity-based policies (§4.6, "Root user").
    boolean root = kind == RequestPrincipal.Kind.ROOT;
    DecidingStatement idAllow = identity.allow;
    if (!root && idAllow == null) {
      return Decision.implicitDeny(PolicySource.IDENTITY);
    }
    if (!boundaryOk) {
      return Decision.implicitDeny(PolicySource.PERMISSIONS_BOUNDARY);
    }
    if (!sessionOk) {
      return Decision.implicitDeny(PolicySource.SESSION);
    }
    List<DecidingStatement> granting = new ArrayList<>(2);
    if (idAllow != null) {
      granting.add(idAllow);
    }
    if (resAllow != null) {
      granting.add(resAllow);
    }
    return Decision.allow(granting);
  }

  /** One pass over a set of policies, collecting matching denies and the strongest allow. */
  private static final class Scan {
    private final boolean allDenies;
    final List<DecidingStatement> denies = new ArrayList<>(0);
    @Nullable DecidingStatement allow;
    Match allowMatch = Match.NONE;

    Scan(boolean allDenies) {
      this.allDenies = allDenies;
    }

    void scan(
        PolicyDocument doc,
        PolicySource source,
        int policyIndex,
        AuthorizationRequest req,
        boolean checkPrincipal) {
      List<Statement> statements = doc.statements();
      for (int i = 0; i < statements.size(); i++) {
        Statement st = statements.get(i);
        boolean deny = st.effect() == Effect.DENY;
        if (deny && !denies.isEmpty() && !allDenies) {
          continue;
        }
        Match m = checkPrincipal ? principalMatch(st, req.principal()) : Match.EXACT;
        if (m == Match.NONE || (!deny && allow != null && allowMatch.compareTo(m) >= 0)) {
          continue;
        }
        if (!st.matches(req.action(), req.resourceArn(), req.context())) {
          continue;
        }
        DecidingStatement d = new DecidingStatement(source, policyIndex, i, st.sid());
        if (deny) {
          denies.add(d);
        } else {
          allow = d;
          allowMatch = m;
        }
      }
    }

    /**
     * A resource-side statement without Principal applies to no one: AWS ignores such statements
     * (§4.1, policyuniverse).
     */
    private static Match principalMatch(Statement st, RequestPrincipal p) {
      return st.principal().map(e -> e.appliesTo(p)).orElse(Match.NONE);
    }
  }
}
