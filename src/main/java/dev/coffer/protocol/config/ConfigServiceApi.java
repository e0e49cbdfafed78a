package dev.coffer.protocol.config;

import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.remediation.Remediations;
import dev.coffer.policy.Authorizer;
import dev.coffer.protocol.Api;
import dev.coffer.protocol.Operation;
import java.util.List;

/**
 * The AWS Config API subset for secrets (awsJson 1.1, target prefix {@code StarlingDoveService},
 * SigV4 service {@code config}), so that {@code aws configservice ...} works against Coffer. Every
 * call acts in the caller's account and the request's region, and needs {@code config:<Operation>}
 * (see {@link ConfigAuthorization}).
 */
public final class ConfigServiceApi {
  public static final String TARGET_PREFIX = "StarlingDoveService";

  private ConfigServiceApi() {}

  public static Api create(
      ComplianceEngine engine, Remediations remediations, Authorizer authorizer) {
    List<Operation> ops =
        List.of(
            new PutConfigRuleHandler(engine),
            new DescribeConfigRulesHandler(engine),
            new DeleteConfigRuleHandler(engine),
            new StartConfigRulesEvaluationHandler(engine),
            new DescribeComplianceByConfigRuleHandler(engine),
            new DescribeComplianceByResourceHandler(engine),
            new GetComplianceDetailsByConfigRuleHandler(engine),
            new GetComplianceDetailsByResourceHandler(engine),
            new GetResourceConfigHistoryHandler(engine),
            new PutConfigurationAggregatorHandler(engine),
            new DescribeConfigurationAggregatorsHandler(engine),
            new DeleteConfigurationAggregatorHandler(engine),
            new DescribeAggregateComplianceByConfigRulesHandler(engine),
            new GetAggregateComplianceDetailsByConfigRuleHandler(engine),
            new PutRemediationConfigurationsHandler(remediations),
            new DescribeRemediationConfigurationsHandler(remediations),
            new DeleteRemediationConfigurationHandler(remediations),
            new StartRemediationExecutionHandler(remediations),
            new DescribeRemediationExecutionStatusHandler(remediations),
            new PutRemediationExceptionsHandler(remediations),
            new DescribeRemediationExceptionsHandler(remediations),
            new DeleteRemediationExceptionsHandler(remediations));
    return Api.of(
        TARGET_PREFIX,
        "config",
        "message",
        ops.stream()
            .<Operation>map(op -> new ConfigAuthorization(op, authorizer, engine, remediations))
            .toList());
  }
}
