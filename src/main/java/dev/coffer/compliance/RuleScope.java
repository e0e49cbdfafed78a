package dev.coffer.compliance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which resources a rule evaluates (AWS Config {@code Scope}): by type, by one tag (key, and value
 * if given), or one resource id. An empty scope means every secret.
 */
public record RuleScope(
    List<String> complianceResourceTypes,
    Optional<String> tagKey,
    Optional<String> tagValue,
    Optional<String> complianceResourceId) {

  public RuleScope {
    complianceResourceTypes = List.copyOf(complianceResourceTypes);
    Objects.requireNonNull(tagKey, "tagKey");
    Objects.requireNonNull(tagValue, "tagValue");
    Objects.requireNonNull(complianceResourceId, "complianceResourceId");
  }

  /** The scope that covers every secret. */
  public static RuleScope all() {
    return new RuleScope(List.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
