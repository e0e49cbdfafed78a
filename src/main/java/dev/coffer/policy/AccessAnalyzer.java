package dev.coffer.policy;

import dev.coffer.policy.internal.IpRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the grants in a resource policy that reach outside the owner's account
 * (compliance-and-iam.md §3.1), for Access Analyzer findings, ValidateResourcePolicy and
 * PutResourcePolicy's BlockPublicPolicy.
 *
 * <p>AWS's analyzer (Zelkova) is not published; this follows the working definition in §3.1: an
 * Allow is public when its principal is everyone ({@code "*"}, {@code {"AWS":"*"}}, an ARN whose
 * account is {@code *}, or NotPrincipal) and no non-negated condition pins it to specific accounts,
 * an organization, a VPC or endpoint, a fixed {@code aws:userid}, or a CIDR narrower than /0.
 * Service principals are ignored, as Access Analyzer ignores them. Like Zelkova it errs towards
 * reporting: values with wildcards or variables never count as limiting.
 */
public final class AccessAnalyzer {
  private AccessAnalyzer() {}

  /** Keys whose fixed values pin a grant to accounts. */
  private static final Set<String> ACCOUNT_KEYS =
      Set.of("aws:principalaccount", "aws:sourceaccount", "aws:sourceowner", "kms:calleraccount");

  /** Keys whose fixed ARN values pin a grant to the ARN's account. */
  private static final Set<String> ARN_KEYS = Set.of("aws:principalarn", "aws:sourcearn");

  /** Keys that restrict a grant without naming an account (not public, but not owner-only). */
  private static final Set<String> OTHER_LIMITING_KEYS =
      Set.of(
          "aws:principalorgid",
          "aws:principalorgpaths",
          "aws:sourceorgid",
          "aws:sourceorgpaths",
          "aws:sourcevpc",
          "aws:sourcevpce",
          "aws:userid",
          "aws:sourceip");

  /** Keys every authenticated request carries, so IfExists cannot skip them. */
  private static final Set<String> ALWAYS_PRESENT =
      Set.of("aws:principalaccount", "aws:principalarn", "aws:userid", "kms:calleraccount");

  /**
   * The external-access findings of {@code policy} for a resource owned by {@code ownerAccount}.
   */
  public static List<AccessFinding> analyze(PolicyDocument policy, String ownerAccount) {
    Optional<Set<String>> denyLimit = accountLimitFromDenies(policy);
    List<AccessFinding> out = new ArrayList<>();
    for (Statement st : policy.statements()) {
      if (st.effect() == Effect.ALLOW && st.principal().isPresent()) {
        finding(st, st.principal().get(), ownerAccount, denyLimit).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Whether any grant is public: what BlockPublicPolicy rejects (§3.3). */
  public static boolean allowsPublicAccess(PolicyDocument policy, String ownerAccount) {
    return analyze(policy, ownerAccount).stream().anyMatch(AccessFinding::isPublic);
  }

  private static Optional<AccessFinding> finding(
      Statement st, PrincipalElement p, String owner, Optional<Set<String>> denyLimit) {
    boolean everyone = p.negated() || p.namesEveryone() || hasWildcardAccountArn(p);
    Set<String> external = new HashSet<>();
    for (String account : principalAccounts(p)) {
      if (!account.equals(owner)) {
        external.add(account);
      }
    }
    boolean otherExternal =
        !p.negated()
            && (p.values().containsKey("Federated") || p.values().containsKey("CanonicalUser"));
    if (!everyone && external.isEmpty() && !otherExternal) {
      return Optional.empty();
    }
    Limits limits = limits(st);
    Optional<Set<String>> accountLimit = intersect(limits.accounts(), denyLimit);
    Map<String, List<String>> principal = p.wildcard() ? Map.of("AWS", List.of("*")) : p.values();
    if (accountLimit.isPresent()) {
      Set<String> reach = new HashSet<>(accountLimit.get());
      if (!everyone) {
        reach.retainAll(external);
      }
      reach.remove(owner);
      if (reach.isEmpty() && !otherExternal) {
        return Optional.empty();
      }
      return Optional.of(make(st, false, principal, reach, limits.keys()));
    }
    boolean isPublic = everyone && !limits.otherLimit();
    return Optional.of(make(st, isPublic, principal, external, limits.keys()));
  }

  private static AccessFinding make(
      Statement st,
      boolean isPublic,
      Map<String, List<String>> principal,
      Set<String> accounts,
      Map<String, List<String>> condition) {
    List<String> actions = new ArrayList<>();
    for (String a : st.action().values()) {
      actions.add(st.action().negated() ? "NotAction:" + a : a);
    }
    return new AccessFinding(
        st.index(), st.sid(), isPublic, principal, accounts, actions, condition);
  }

  private static boolean hasWildcardAccountArn(PrincipalElement p) {
    for (String v : p.values().getOrDefault("AWS", List.of())) {
      String[] parts = v.split(":", 6);
      if (parts.length == 6 && parts[4].contains("*")) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> principalAccounts(PrincipalElement p) {
    Set<String> out = new HashSet<>();
    if (p.negated()) {
      return out;
    }
    for (String v : p.values().getOrDefault("AWS", List.of())) {
      if (v.equals("*")) {
        continue;
      }
      Optional<String> root = PrincipalElement.accountOfRootForm(v);
      if (root.isPresent()) {
        out.add(root.get());
      } else {
        String[] parts = v.split(":", 6);
        if (parts.length == 6 && PrincipalElement.isAccountId(parts[4])) {
          out.add(parts[4]);
        }
      }
    }
    return out;
  }

  /** What a statement's non-negated conditions limit it to. */
  private record Limits(
      Optional<Set<String>> accounts, boolean otherLimit, Map<String, List<String>> keys) {}

  private static Limits limits(Statement st) {
    Optional<Set<String>> accounts = Optional.empty();
    boolean other = false;
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (Condition c : st.conditions()) {
      if (!restricts(c)) {
        continue;
      }
      String key = c.lowerKey();
      if (ACCOUNT_KEYS.contains(key) || ARN_KEYS.contains(key)) {
        Optional<Set<String>> fixed = fixedAccounts(c, ARN_KEYS.contains(key));
        if (fixed.isPresent()) {
          accounts = intersect(accounts, fixed);
          keys.put(c.key(), c.values());
        }
      } else if (OTHER_LIMITING_KEYS.contains(key) && limitsOtherwise(c)) {
        other = true;
        keys.put(c.key(), c.values());
      }
    }
    return new Limits(accounts, other, keys);
  }

  /**
   * A condition can only narrow a grant if it is positive (negated operators never restrict, §3.1),
   * is not a ForAllValues test (true for an absent key), and does not use IfExists on a key a
   * caller can leave out.
   */
  private static boolean restricts(Condition c) {
    if (c.operator().negated() || c.qualifier() == Condition.SetQualifier.FOR_ALL_VALUES) {
      return false;
    }
    if (c.ifExists() && !ALWAYS_PRESENT.contains(c.lowerKey())) {
      return false;
    }
    return switch (c.operator()) {
      case STRING_EQUALS,
          STRING_EQUALS_IGNORE_CASE,
          STRING_LIKE,
          ARN_EQUALS,
          ARN_LIKE,
          IP_ADDRESS ->
          true;
      default -> false;
    };
  }

  /** The accounts a condition fixes, or empty if any value leaves the account open. */
  private static Optional<Set<String>> fixedAccounts(Condition c, boolean arnValues) {
    Set<String> out = new HashSet<>();
    for (String v : c.values()) {
      String account = v;
      if (arnValues) {
        String[] parts = v.split(":", 6);
        if (parts.length < 6) {
          return Optional.empty();
        }
        account = parts[4];
      }
      if (!PrincipalElement.isAccountId(account)) {
        return Optional.empty(); // wildcard, variable or malformed: not a fixed account
      }
      out.add(account);
    }
    return Optional.of(out);
  }

  private static boolean limitsOtherwise(Condition c) {
    for (String v : c.values()) {
      if (v.contains("${")) {
        return false;
      }
      if (c.lowerKey().equals("aws:sourceip")) {
        if (c.operator() != ConditionOperator.IP_ADDRESS
            || IpRange.parse(v).map(IpRange::isEverything).orElse(true)) {
          return false;
        }
      } else if (c.lowerKey().equals("aws:userid")) {
        // S3's definition: a fixed user id, or the pattern ROLEID:* (one role's sessions).
        int star = v.indexOf('*');
        boolean roleSessions =
            star == v.length() - 1 && v.indexOf(':') > 0 && v.indexOf(':') == star - 1;
        if ((star >= 0 && !roleSessions) || v.indexOf('?') >= 0) {
          return false;
        }
      } else if (v.isEmpty() || v.indexOf('*') >= 0 || v.indexOf('?') >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * A Deny that applies to everyone, for every action and resource, unless the caller's account is
   * one of a fixed set (e.g. {@code StringNotEquals aws:PrincipalAccount}) limits every Allow to
   * that set.
   */
  private static Optional<Set<String>> accountLimitFromDenies(PolicyDocument policy) {
    Optional<Set<String>> limit = Optional.empty();
    for (Statement st : policy.statements()) {
      boolean everyone = st.principal().map(PrincipalElement::namesEveryone).orElse(false);
      boolean allResources = st.resource().map(ResourceElement::coversEverything).orElse(true);
      if (st.effect() != Effect.DENY
          || !everyone
          || st.principal().get().negated()
          || !st.action().coversEverything()
          || !allResources
          || st.conditions().size() != 1) {
        continue;
      }
      Condition c = st.conditions().get(0);
      boolean negatedAccountTest =
          c.operator().negated()
              && c.qualifier() == Condition.SetQualifier.NONE
              && (ACCOUNT_KEYS.contains(c.lowerKey()) || ARN_KEYS.contains(c.lowerKey()))
              && c.operator() != ConditionOperator.NOT_IP_ADDRESS;
      if (negatedAccountTest) {
        Optional<Set<String>> fixed = fixedAccounts(c, ARN_KEYS.contains(c.lowerKey()));
        if (fixed.isPresent()) {
          limit = intersect(limit, fixed);
        }
      }
    }
    return limit;
  }

  private static Optional<Set<String>> intersect(Optional<Set<String>> a, Optional<Set<String>> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    Set<String> both = new HashSet<>(a.get());
    both.retainAll(b.get());
    return Optional.of(both);
  }
}
