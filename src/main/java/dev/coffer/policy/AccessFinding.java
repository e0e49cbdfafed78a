package dev.coffer.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One grant of access to a principal outside the owner's account, shaped like an Access Analyzer
 * finding (compliance-and-iam.md §3.1: principal, action, condition, isPublic).
 *
 * @param statementIndex 0-based index of the granting statement
 * @param sid its Sid, if any
 * @param isPublic true if anyone, including anonymous callers, may be granted access
 * @param principal the principal element as written ({@code {"AWS": ["*"]}} for {@code "*"})
 * @param externalAccounts accounts other than the owner that are granted access, when known
 * @param actions the Action values, or the NotAction values prefixed with {@code NotAction:}
 * @param condition the limiting condition keys and their values that the analysis relied on
 */
public record AccessFinding(
    int statementIndex,
    Optional<String> sid,
    boolean isPublic,
    Map<String, List<String>> principal,
    Set<String> externalAccounts,
    List<String> actions,
    Map<String, List<String>> condition) {

  public AccessFinding {
    Objects.requireNonNull(sid, "sid");
    principal = Map.copyOf(principal);
    externalAccounts = Set.copyOf(externalAccounts);
    actions = List.copyOf(actions);
    condition = Map.copyOf(condition);
  }
}
