package dev.coffer.protocol.config;

import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.protocol.Api;
import java.util.List;

/**
 * The AWS Config API subset for secrets (awsJson 1.1, target prefix {@code StarlingDoveService},
 * SigV4 service {@code config}), so that {@code aws configservice ...} works against Coffer. Every
 * call acts in the caller's account and the request's region.
 */
public final class ConfigServiceApi {
  public static final String TARGET_PREFIX = "StarlingDoveService";

  private ConfigServiceApi() {}

  public static Api create(ComplianceEngine engine) {
    return Api.of(
        TARGET_PREFIX,
        "config",
        "message",
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
            new GetAggregateComplianceDetailsByConfigRuleHandler(engine)));
  }
}
