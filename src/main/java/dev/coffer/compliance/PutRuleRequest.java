package dev.coffer.compliance;

import java.util.Objects;
import java.util.Optional;

/**
 * What PutConfigRule asks for.
 *
 * @param name ConfigRuleName
 * @param description Description
 * @param sourceOwner Source.Owner (only {@code AWS} is supported)
 * @param sourceIdentifier Source.SourceIdentifier
 * @param inputParameters InputParameters as the JSON text given
 * @param maximumExecutionFrequency MaximumExecutionFrequency
 * @param scope Scope
 */
public record PutRuleRequest(
    String name,
    Optional<String> description,
    String sourceOwner,
    String sourceIdentifier,
    Optional<String> inputParameters,
    Optional<String> maximumExecutionFrequency,
    RuleScope scope) {
  public PutRuleRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(sourceOwner, "sourceOwner");
    Objects.requireNonNull(sourceIdentifier, "sourceIdentifier");
    Objects.requireNonNull(inputParameters, "inputParameters");
    Objects.requireNonNull(maximumExecutionFrequency, "maximumExecutionFrequency");
    Objects.requireNonNull(scope, "scope");
  }
}
