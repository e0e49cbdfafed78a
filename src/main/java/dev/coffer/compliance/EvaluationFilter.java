package dev.coffer.compliance;

import java.util.Objects;
import java.util.Optional;

/**
 * Narrows a query over evaluation results; every empty component matches everything.
 *
 * @param accountId only this account
 * @param region only this region
 * @param configRuleName only this rule
 * @param resourceId only this resource
 */
public record EvaluationFilter(
    Optional<String> accountId,
    Optional<String> region,
    Optional<String> configRuleName,
    Optional<String> resourceId) {

  public EvaluationFilter {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(configRuleName, "configRuleName");
    Objects.requireNonNull(resourceId, "resourceId");
  }

  /** Matches every result. */
  public static EvaluationFilter all() {
    return new EvaluationFilter(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public EvaluationFilter withAccount(String value) {
    return new EvaluationFilter(Optional.of(value), region, configRuleName, resourceId);
  }

  public EvaluationFilter withRegion(String value) {
    return new EvaluationFilter(accountId, Optional.of(value), configRuleName, resourceId);
  }

  public EvaluationFilter withRule(String value) {
    return new EvaluationFilter(accountId, region, Optional.of(value), resourceId);
  }

  public EvaluationFilter withResource(String value) {
    return new EvaluationFilter(accountId, region, configRuleName, Optional.of(value));
  }

  /** Whether {@code r} passes this filter. */
  public boolean matches(EvaluationResult r) {
    return accountId.map(r.accountId()::equals).orElse(true)
        && region.map(r.region()::equals).orElse(true)
        && configRuleName.map(r.configRuleName()::equals).orElse(true)
        && resourceId.map(r.resourceId()::equals).orElse(true);
  }
}
