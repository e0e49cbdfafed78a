package dev.coffer.compliance.remediation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a runbook parameter's value comes from (AWS Config {@code RemediationParameterValue}): the
 * id of the resource being remediated ({@code ResourceValue: {Value: RESOURCE_ID}}) or fixed values
 * ({@code StaticValue: {Values: [...]}}).
 *
 * @param resourceValue {@code RESOURCE_ID} when the value is the resource's id
 * @param staticValues the fixed values otherwise
 */
public record ParameterValue(Optional<String> resourceValue, List<String> staticValues) {
  public static final String RESOURCE_ID = "RESOURCE_ID";

  public ParameterValue {
    Objects.requireNonNull(resourceValue, "resourceValue");
    staticValues = List.copyOf(staticValues);
  }

  public static ParameterValue resourceId() {
    return new ParameterValue(Optional.of(RESOURCE_ID), List.of());
  }

  public static ParameterValue of(String... values) {
    return new ParameterValue(Optional.empty(), List.of(values));
  }

  /** The value for a run on {@code resourceId}; empty when a static value lists none. */
  Optional<String> resolve(String resourceId) {
    if (resourceValue.isPresent()) {
      return Optional.of(resourceId);
    }
    return staticValues.isEmpty() ? Optional.empty() : Optional.of(staticValues.get(0));
  }
}
