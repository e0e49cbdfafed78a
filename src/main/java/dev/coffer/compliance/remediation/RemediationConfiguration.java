package dev.coffer.compliance.remediation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule's remediation (AWS Config {@code RemediationConfiguration}).
 *
 * @param accountId the rule's account
 * @param region the rule's region
 * @param configRuleName the rule it remediates
 * @param arn {@code arn:aws:config:REGION:ACCOUNT:remediation-configuration/RULE/UUID}
 * @param targetType always {@code SSM_DOCUMENT}
 * @param targetId the runbook, see {@link Runbook}
 * @param targetVersion the document version asked for, if any (one version of each exists)
 * @param parameters the runbook's parameters by name
 * @param resourceType the type of resource it remediates, if given
 * @param automatic whether it runs by itself when a resource turns NON_COMPLIANT
 * @param concurrentExecutionRatePercentage SsmControls, stored and returned (1–100)
 * @param errorPercentage SsmControls, stored and returned (1–100)
 * @param maximumAutomaticAttempts automatic attempts per resource (1–25, default 5)
 * @param retryAttemptSeconds wait between automatic attempts (1–2678000, default 60)
 */
public record RemediationConfiguration(
    String accountId,
    String region,
    String configRuleName,
    String arn,
    String targetType,
    String targetId,
    Optional<String> targetVersion,
    Map<String, ParameterValue> parameters,
    Optional<String> resourceType,
    boolean automatic,
    Optional<Integer> concurrentExecutionRatePercentage,
    Optional<Integer> errorPercentage,
    Optional<Integer> maximumAutomaticAttempts,
    Optional<Long> retryAttemptSeconds) {

  public static final int DEFAULT_MAXIMUM_AUTOMATIC_ATTEMPTS = 5;
  public static final long DEFAULT_RETRY_ATTEMPT_SECONDS = 60;

  public RemediationConfiguration {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(configRuleName, "configRuleName");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(targetVersion, "targetVersion");
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(concurrentExecutionRatePercentage, "concurrentExecutionRatePercentage");
    Objects.requireNonNull(errorPercentage, "errorPercentage");
    Objects.requireNonNull(maximumAutomaticAttempts, "maximumAutomaticAttempts");
    Objects.requireNonNull(retryAttemptSeconds, "retryAttemptSeconds");
  }

  /** The same configuration with {@code arn}. */
  RemediationConfiguration withArn(String newArn) {
    return new RemediationConfiguration(
        accountId,
        region,
        configRuleName,
        newArn,
        targetType,
        targetId,
        targetVersion,
        parameters,
        resourceType,
        automatic,
        concurrentExecutionRatePercentage,
        errorPercentage,
        maximumAutomaticAttempts,
        retryAttemptSeconds);
  }

  int attemptsAllowed() {
    return maximumAutomaticAttempts.orElse(DEFAULT_MAXIMUM_AUTOMATIC_ATTEMPTS);
  }

  long retrySeconds() {
    return retryAttemptSeconds.orElse(DEFAULT_RETRY_ATTEMPT_SECONDS);
  }
}
