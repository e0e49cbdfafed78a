package dev.coffer.compliance;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured rule (AWS Config {@code ConfigRule}) whose source is one of the managed rules for
 * Secrets Manager.
 *
 * @param accountId owning account
 * @param region region of the rule
 * @param name ConfigRuleName, unique per account and region
 * @param arn the rule's ARN ({@code arn:aws:config:REGION:ACCOUNT:config-rule/config-rule-ID})
 * @param ruleId ConfigRuleId ({@code config-rule-} and six lowercase letters or digits)
 * @param description the description, if any
 * @param sourceIdentifier the managed rule identifier, e.g. SECRETSMANAGER_ROTATION_ENABLED_CHECK
 * @param inputParameters the rule's parameters (InputParameters, a flat JSON object of strings)
 * @param maximumExecutionFrequency for periodic rules: One_Hour .. TwentyFour_Hours
 * @param scope which resources the rule evaluates
 * @param createdAt when the rule was first put
 */
public record ConfigRule(
    String accountId,
    String region,
    String name,
    String arn,
    String ruleId,
    Optional<String> description,
    String sourceIdentifier,
    Map<String, String> inputParameters,
    Optional<String> maximumExecutionFrequency,
    RuleScope scope,
    Instant createdAt) {

  public ConfigRule {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(sourceIdentifier, "sourceIdentifier");
    inputParameters = Map.copyOf(inputParameters);
    Objects.requireNonNull(maximumExecutionFrequency, "maximumExecutionFrequency");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
