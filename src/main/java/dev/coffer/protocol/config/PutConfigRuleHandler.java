package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.PutRuleRequest;
import dev.coffer.compliance.RuleScope;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.InvalidParameterValueException;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** PutConfigRule: adds or updates a managed rule; it is evaluated before the call returns. */
final class PutConfigRuleHandler implements Operation {
  static final Pattern NAME = Pattern.compile(".*\\S.*");
  private final ComplianceEngine engine;

  PutConfigRuleHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "PutConfigRule";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    Optional<JsonInput> rule = in.struct("ConfigRule");
    in.validate();
    JsonInput r =
        rule.orElseThrow(() ->
            new dev.coffer.core.error.ValidationException(
                "1 validation error detected: Value null at 'configRule' failed to satisfy"
                    + " constraint: Member must not be null"));
    String name = r.requiredString("ConfigRuleName", 1, 128, NAME);
    Optional<String> description = r.string("Description", 0, 256);
    Optional<JsonInput> source = r.struct("Source");
    Optional<String> params = r.string("InputParameters", 1, 1024);
    Optional<String> frequency = r.string("MaximumExecutionFrequency", 0, 64);
    Optional<JsonInput> scope = r.struct("Scope");
    r.validate();
    JsonInput src =
        source.orElseThrow(
            () -> new InvalidParameterValueException("The ConfigRule must have a Source."));
    String owner = src.requiredString("Owner", 1, 64);
    String identifier = src.string("SourceIdentifier", 1, 256).orElse("");
    RuleScope ruleScope = RuleScope.all();
    if (scope.isPresent()) {
      JsonInput s = scope.get();
      ruleScope =
          new RuleScope(
              s.stringList("ComplianceResourceTypes", 0, 100, 1, 256).orElse(List.of()),
              s.string("TagKey", 1, 128),
              s.string("TagValue", 0, 256),
              s.string("ComplianceResourceId", 1, 768));
      if (ruleScope.tagValue().isPresent() && ruleScope.tagKey().isEmpty()) {
        throw new InvalidParameterValueException("A Scope TagValue requires a TagKey.");
      }
    }
    src.validate();
    engine.putRule(
        ctx.accountId(),
        ctx.region(),
        new PutRuleRequest(name, description, owner, identifier, params, frequency, ruleScope));
    return Json.object();
  }
}
