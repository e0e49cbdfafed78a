package dev.coffer.policy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A statement's Principal or NotPrincipal element (compliance-and-iam.md §4.1, §4.2). Principal
 * matching is exact: only a whole {@code "*"} is a wildcard ("You cannot use a wildcard to match
 * part of a principal name or ARN"); an account id or account root ARN stands for every principal
 * of that account; a role ARN matches the role's sessions.
 */
public final class PrincipalElement {
  /** Principal types allowed as keys of the Principal object. */
  public static final Set<String> TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

  /** How specifically a Principal element named the caller; ordered from weakest. */
  enum Match {
    NONE,
    /** The caller's account (root ARN or account id): delegates to IAM (§4.6 step 3). */
    ACCOUNT,
    /** The role whose session the caller is. */
    ROLE,
    /** Everyone ({@code "*"}, {@code {"AWS":"*"}}, or via NotPrincipal). */
    WILDCARD,
    /** The caller's exact ARN, or its service name. */
    EXACT
  }

  private final boolean negated;
  private final boolean wildcard;
  private final Map<String, List<String>> values;
  private final boolean anyAws;
  private final Set<String> accounts = new HashSet<>();
  private final Set<String> arns = new HashSet<>();
  private final Set<String> services = new HashSet<>();

  /**
   * @param negated true for NotPrincipal
   * @param wildcard true for the bare {@code "*"} form
   * @param values principal type to the values listed, as written; values must be valid (the parser
   *     checks them)
   */
  PrincipalElement(boolean negated, boolean wildcard, Map<String, List<String>> values) {
    this.negated = negated;
    this.wildcard = wildcard;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(Objects.requireNonNull(k), List.copyOf(v)));
    this.values = java.util.Collections.unmodifiableMap(copy);
    boolean any = false;
    for (String v : copy.getOrDefault("AWS", List.of())) {
      if (v.equals("*")) {
        any = true;
      } else {
        accountOfRootForm(v).ifPresentOrElse(accounts::add, () -> arns.add(v));
      }
    }
    this.anyAws = any;
    services.addAll(copy.getOrDefault("Service", List.of()));
  }

  /** True for NotPrincipal. */
  public boolean negated() {
    return negated;
  }

  /** True for the bare {@code "*"} form. */
  public boolean wildcard() {
    return wildcard;
  }

  /** Principal type ({@code AWS}, {@code Service}, ...) to the values listed, as written. */
  public Map<String, List<String>> values() {
    return values;
  }

  /** True if the element names every principal: {@code "*"} or {@code {"AWS": "*"}}. */
  public boolean namesEveryone() {
    return wildcard || anyAws;
  }

  /** The accounts named by account id or root ARN. */
  public Set<String> accounts() {
    return Set.copyOf(accounts);
  }

  /** The account of a 12-digit id or {@code arn:PARTITION:iam::ACCOUNT:root}; else empty. */
  static java.util.Optional<String> accountOfRootForm(String v) {
    if (isAccountId(v)) {
      return java.util.Optional.of(v);
    }
    String[] p = v.split(":", 6);
    if (p.length == 6 && p[0].equals("arn") && p[2].equals("iam") && p[5].equals("root")) {
      return isAccountId(p[4]) ? java.util.Optional.of(p[4]) : java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  /** For a Principal element, how specifically it names {@code p}. */
  Match match(RequestPrincipal p) {
    if (wildcard) {
      return Match.WILDCARD;
    }
    switch (p.kind()) {
      case SERVICE -> {
        return services.contains(p.arn()) ? Match.EXACT : anyAws ? Match.WILDCARD : Match.NONE;
      }
      case ANONYMOUS -> {
        return anyAws ? Match.WILDCARD : Match.NONE;
      }
      default -> {
        if (arns.contains(p.arn())) {
          return Match.EXACT;
        }
        if (anyAws) {
          return Match.WILDCARD;
        }
        if (p.roleArn().isPresent() && arns.contains(p.roleArn().get())) {
          return Match.ROLE;
        }
        return accounts.contains(p.accountId()) ? Match.ACCOUNT : Match.NONE;
      }
    }
  }

  /**
   * For a NotPrincipal element, whether {@code p} is exempt. AWS evaluates a request at every
   * identity layer of the caller, so an exemption needs all of them listed: the account, and the
   * user ARN, or the role ARN and the session ARN (§4.2: "must list account, role and session
   * ARNs").
   */
  boolean exempts(RequestPrincipal p) {
    if (namesEveryone()) {
      return true;
    }
    return switch (p.kind()) {
      case SERVICE -> services.contains(p.arn());
      case ANONYMOUS -> false;
      case ROOT -> accounts.contains(p.accountId());
      case USER, FEDERATED_USER -> accounts.contains(p.accountId()) && arns.contains(p.arn());
      case ASSUMED_ROLE ->
          accounts.contains(p.accountId())
              && arns.contains(p.arn())
              && arns.contains(p.roleArn().orElse(""));
    };
  }

  /** Whether the statement applies to {@code p}, and how specifically. */
  Match appliesTo(RequestPrincipal p) {
    if (!negated) {
      return match(p);
    }
    return exempts(p) ? Match.NONE : Match.WILDCARD;
  }

  static boolean isAccountId(String s) {
    if (s.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return (negated ? "NotPrincipal" : "Principal") + (wildcard ? "=*" : "=" + values);
  }
}
