package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.remediation.ExecutionStep;
import dev.coffer.compliance.remediation.ParameterValue;
import dev.coffer.compliance.remediation.RemediationConfiguration;
import dev.coffer.compliance.remediation.RemediationExceptionEntry;
import dev.coffer.compliance.remediation.RemediationExecution;
import dev.coffer.compliance.remediation.ResourceKey;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The Config API's remediation shapes (AWS Config API Reference, "Data Types"), in and out. */
final class RemediationWire {
  static final String SECRET_TYPE = "AWS::SecretsManager::Secret";

  private RemediationWire() {}

  /** A {@code RemediationConfiguration} input structure; call {@code validate} after. */
  static RemediationConfiguration configuration(String accountId, String region, JsonInput c) {
    String rule = c.requiredString("ConfigRuleName", 1, 128);
    String targetType = c.enumString("TargetType", List.of("SSM_DOCUMENT")).orElse("");
    if (!c.has("TargetType")) {
      c.requiredString("TargetType", 1, 64);
    }
    String targetId = c.requiredString("TargetId", 1, 256);
    Optional<String> version = c.string("TargetVersion", 0, 256);
    Map<String, ParameterValue> params = new LinkedHashMap<>();
    for (Map.Entry<String, JsonInput> e :
        c.structMap("Parameters", 25, 1, 256).orElse(Map.of()).entrySet()) {
      JsonInput v = e.getValue();
      Optional<JsonInput> resource = v.struct("ResourceValue");
      Optional<JsonInput> fixed = v.struct("StaticValue");
      Optional<String> rv =
          resource.flatMap(r -> r.enumString("Value", List.of(ParameterValue.RESOURCE_ID)));
      if (resource.isPresent() && rv.isEmpty()) {
        resource.get().requiredString("Value", 1, 64);
      }
      List<String> values =
          fixed.map(f -> f.requiredStringList("Values", 0, 25, 0, 256)).orElse(List.of());
      if (resource.isPresent() == fixed.isPresent()) {
        throw new dev.coffer.core.error.InvalidParameterValueException(
            "The parameter " + e.getKey() + " needs exactly one of ResourceValue and StaticValue.");
      }
      params.put(e.getKey(), new ParameterValue(rv, values));
    }
    Optional<String> resourceType = c.string("ResourceType", 0, 256);
    boolean automatic = c.bool("Automatic").orElse(false);
    Optional<JsonInput> ssm = c.struct("ExecutionControls").flatMap(x -> x.struct("SsmControls"));
    Optional<Integer> rate =
        ssm.flatMap(s -> s.integer("ConcurrentExecutionRatePercentage", 1, 100))
            .map(Long::intValue);
    Optional<Integer> errors =
        ssm.flatMap(s -> s.integer("ErrorPercentage", 1, 100)).map(Long::intValue);
    Optional<Integer> attempts = c.integer("MaximumAutomaticAttempts", 1, 25).map(Long::intValue);
    Optional<Long> retry = c.integer("RetryAttemptSeconds", 1, 2_678_000);
    return new RemediationConfiguration(
        accountId,
        region,
        rule,
        "",
        targetType,
        targetId,
        version,
        params,
        resourceType,
        automatic,
        rate,
        errors,
        attempts,
        retry);
  }

  static ObjectNode configuration(RemediationConfiguration c) {
    ObjectNode o = Json.object();
    o.put("ConfigRuleName", c.configRuleName());
    o.put("TargetType", c.targetType());
    o.put("TargetId", c.targetId());
    Json.putIfPresent(o, "TargetVersion", c.targetVersion());
    ObjectNode params = o.putObject("Parameters");
    c.parameters()
        .forEach((k, v) -> {
          ObjectNode p = params.putObject(k);
          if (v.resourceValue().isPresent()) {
            p.putObject("ResourceValue").put("Value", v.resourceValue().get());
          } else {
            p.putObject("StaticValue").set("Values", Json.strings(v.staticValues()));
          }
        });
    Json.putIfPresent(o, "ResourceType", c.resourceType());
    o.put("Automatic", c.automatic());
    if (c.concurrentExecutionRatePercentage().isPresent() || c.errorPercentage().isPresent()) {
      ObjectNode ssm = o.putObject("ExecutionControls").putObject("SsmControls");
      c.concurrentExecutionRatePercentage()
          .ifPresent(v -> ssm.put("ConcurrentExecutionRatePercentage", v));
      c.errorPercentage().ifPresent(v -> ssm.put("ErrorPercentage", v));
    }
    c.maximumAutomaticAttempts().ifPresent(v -> o.put("MaximumAutomaticAttempts", v));
    c.retryAttemptSeconds().ifPresent(v -> o.put("RetryAttemptSeconds", v));
    if (!c.arn().isEmpty()) {
      o.put("Arn", c.arn());
    }
    return o;
  }

  /** {@code ResourceKeys} of StartRemediationExecution and DescribeRemediationExecutionStatus. */
  static List<ResourceKey> resourceKeys(JsonInput in, boolean required) {
    return keyList(
        in,
        required,
        k ->
            new ResourceKey(
                k.requiredString("resourceType", 1, 256), k.requiredString("resourceId", 1, 768)));
  }

  /** {@code ResourceKeys} of the remediation exception operations (capitalized members). */
  static List<ResourceKey> exceptionKeys(JsonInput in, boolean required) {
    return keyList(
        in,
        required,
        k ->
            new ResourceKey(
                k.string("ResourceType", 1, 256).orElse(SECRET_TYPE),
                k.string("ResourceId", 1, 1024).orElse("")));
  }

  /**
   * The 1 to 100 entries of {@code ResourceKeys}, each read by {@code key} in order; an absent list
   * is an error when {@code required}, else empty. The two remediation APIs spell the key members
   * differently, so each caller brings its own reader.
   */
  private static List<ResourceKey> keyList(
      JsonInput in, boolean required, Function<JsonInput, ResourceKey> key) {
    List<JsonInput> keys =
        required
            ? in.requiredStructList("ResourceKeys", 1, 100)
            : in.structList("ResourceKeys", 1, 100).orElse(List.of());
    List<ResourceKey> out = new ArrayList<>();
    for (JsonInput k : keys) {
      out.add(key.apply(k));
    }
    return out;
  }

  static ObjectNode resourceKey(ResourceKey k) {
    return Json.object().put("resourceType", k.resourceType()).put("resourceId", k.resourceId());
  }

  static ObjectNode exceptionKey(ResourceKey k) {
    return Json.object().put("ResourceType", k.resourceType()).put("ResourceId", k.resourceId());
  }

  static ObjectNode status(RemediationExecution x) {
    ObjectNode o = Json.object();
    o.set("ResourceKey", resourceKey(x.key()));
    o.put("State", x.state());
    ArrayNode steps = o.putArray("StepDetails");
    for (ExecutionStep s : x.steps()) {
      ObjectNode n = steps.addObject();
      n.put("Name", s.name());
      n.put("State", s.state());
      Json.putIfPresent(n, "ErrorMessage", s.errorMessage());
      Json.putTimeIfPresent(n, "StartTime", s.startTime());
      Json.putTimeIfPresent(n, "StopTime", s.stopTime());
    }
    o.put("InvocationTime", Json.timestamp(x.invocationTime()));
    o.put("LastUpdatedTime", Json.timestamp(x.lastUpdatedTime()));
    return o;
  }

  static ObjectNode exception(RemediationExceptionEntry e) {
    ObjectNode o = Json.object();
    o.put("ConfigRuleName", e.ruleName());
    o.put("ResourceType", e.key().resourceType());
    o.put("ResourceId", e.key().resourceId());
    Json.putIfPresent(o, "Message", e.message());
    Json.putTimeIfPresent(o, "ExpirationTime", e.expirationTime());
    return o;
  }
}
