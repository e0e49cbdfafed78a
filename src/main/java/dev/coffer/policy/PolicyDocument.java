package dev.coffer.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed policy document (compliance-and-iam.md §4.1). Build one with {@link PolicyParser}.
 *
 * @param kind what the policy is attached to
 * @param version the Version element, if given ({@code 2012-10-17} or {@code 2008-10-17})
 * @param id the Id element, if given
 * @param statements the statements in document order
 */
public record PolicyDocument(
    PolicyKind kind, Optional<String> version, Optional<String> id, List<Statement> statements) {

  /** The policy language version that enables policy variables (§4.4). */
  public static final String CURRENT_VERSION = "2012-10-17";

  /** The older policy language version, in which {@code ${...}} is literal text. */
  public static final String LEGACY_VERSION = "2008-10-17";

  public PolicyDocument {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(id, "id");
    statements = List.copyOf(statements);
    if (statements.isEmpty()) {
      throw new IllegalArgumentException("a policy has at least one statement");
    }
  }

  /** Whether policy variables are substituted: only under Version 2012-10-17 (§4.4). */
  public boolean variablesEnabled() {
    return version.filter(CURRENT_VERSION::equals).isPresent();
  }
}
