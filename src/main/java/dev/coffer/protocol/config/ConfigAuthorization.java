package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ConfigRule;
import dev.coffer.compliance.remediation.RemediationConfiguration;
import dev.coffer.compliance.remediation.Remediations;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.NoSuchConfigRuleException;
import dev.coffer.policy.Authorizer;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code config:*} authorization of the Config API, as {@code cloudtrail:LookupEvents} is done:
 * every operation needs the IAM action {@code config:<Operation>} on its resource (Service
 * Authorization Reference, AWS Config): the rule's ARN ({@code
 * arn:aws:config:REGION:ACCOUNT:config-rule/config-rule-ID}) for operations on named rules, the
 * remediation configuration's ARN for remediation operations, and {@code *} when the resource does
 * not exist yet or the operation lists. The account root passes; users and role sessions need an
 * identity policy that allows it. The check runs before the input is validated, so a caller without
 * the permission learns nothing about its request but the denial.
 */
final class ConfigAuthorization implements Operation {
  private static final int ANY = Integer.MAX_VALUE;

  private final Operation op;
  private final Authorizer authorizer;
  private final ComplianceEngine engine;
  private final Remediations remediations;

  ConfigAuthorization(
      Operation op, Authorizer authorizer, ComplianceEngine engine, Remediations remediations) {
    this.op = op;
    this.authorizer = authorizer;
    this.engine = engine;
    this.remediations = remediations;
  }

  @Override
  public String name() {
    return op.name();
  }

  @Override
  public boolean readOnly() {
    return op.readOnly();
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    for (String arn : resources(ctx, in)) {
      authorizer.authorize(
          ctx,
          "config:" + op.name(),
          Authorizer.Resource.withoutPolicy(arn, ctx.accountId()),
          Map.of());
    }
    return op.handle(ctx, in);
  }

  /** The resources the call acts on, each of which must be allowed. */
  private Set<String> resources(RequestContext ctx, JsonInput in) {
    List<String> rules = new ArrayList<>();
    boolean remediation = op.name().contains("Remediation");
    switch (op.name()) {
      case "PutConfigRule" ->
          in.struct("ConfigRule")
              .flatMap(r -> r.string("ConfigRuleName", 0, ANY))
              .ifPresent(rules::add);
      case "StartConfigRulesEvaluation" ->
          rules.addAll(in.stringList("ConfigRuleNames", 0, ANY, 0, ANY).orElse(List.of()));
      case "PutRemediationConfigurations" -> {
        for (JsonInput c : in.structList("RemediationConfigurations", 0, ANY).orElse(List.of())) {
          c.string("ConfigRuleName", 0, ANY).ifPresent(rules::add);
        }
      }
      case "DeleteConfigRule",
          "GetComplianceDetailsByConfigRule",
          "DeleteRemediationConfiguration",
          "StartRemediationExecution",
          "DescribeRemediationExecutionStatus",
          "PutRemediationExceptions",
          "DescribeRemediationExceptions",
          "DeleteRemediationExceptions" ->
          in.string("ConfigRuleName", 0, ANY).ifPresent(rules::add);
      default -> {}
    }
    Set<String> out = new LinkedHashSet<>();
    for (String rule : rules) {
      out.add((remediation ? remediationArn(ctx, rule) : ruleArn(ctx, rule)).orElse("*"));
    }
    if (out.isEmpty()) {
      out.add("*");
    }
    return out;
  }

  private Optional<String> ruleArn(RequestContext ctx, String rule) {
    try {
      return engine.describeRules(ctx.accountId(), ctx.region(), List.of(rule)).stream()
          .map(ConfigRule::arn)
          .findFirst();
    } catch (NoSuchConfigRuleException e) {
      return Optional.empty();
    }
  }

  private Optional<String> remediationArn(RequestContext ctx, String rule) {
    return remediations.describe(ctx.accountId(), ctx.region(), List.of(rule)).stream()
        .map(RemediationConfiguration::arn)
        .findFirst();
  }
}
