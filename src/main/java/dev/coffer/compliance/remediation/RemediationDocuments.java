package dev.coffer.compliance.remediation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stored form of configurations and executions: JSON documents that only this package writes
 * and reads, so the store keeps them without knowing their fields. Times are epoch milliseconds.
 */
public final class RemediationDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RemediationDocuments() {}

  public static String write(RemediationConfiguration c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("accountId", c.accountId());
    o.put("region", c.region());
    o.put("configRuleName", c.configRuleName());
    o.put("arn", c.arn());
    o.put("targetType", c.targetType());
    o.put("targetId", c.targetId());
    c.targetVersion().ifPresent(v -> o.put("targetVersion", v));
    ObjectNode params = o.putObject("parameters");
    c.parameters()
        .forEach((k, v) -> {
          ObjectNode p = params.putObject(k);
          v.resourceValue().ifPresent(r -> p.put("resourceValue", r));
          ArrayNode values = p.putArray("staticValues");
          v.staticValues().forEach(values::add);
        });
    c.resourceType().ifPresent(v -> o.put("resourceType", v));
    o.put("automatic", c.automatic());
    c.concurrentExecutionRatePercentage().ifPresent(v -> o.put("concurrentPercentage", v));
    c.errorPercentage().ifPresent(v -> o.put("errorPercentage", v));
    c.maximumAutomaticAttempts().ifPresent(v -> o.put("maximumAutomaticAttempts", v));
    c.retryAttemptSeconds().ifPresent(v -> o.put("retryAttemptSeconds", v));
    return o.toString();
  }

  public static RemediationConfiguration configuration(String doc) {
    JsonNode o = parse(doc);
    Map<String, ParameterValue> params = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : o.path("parameters").properties()) {
      List<String> values = new ArrayList<>();
      e.getValue().path("staticValues").forEach(v -> values.add(v.asText()));
      params.put(e.getKey(), new ParameterValue(text(e.getValue(), "resourceValue"), values));
    }
    return new RemediationConfiguration(
        o.path("accountId").asText(),
        o.path("region").asText(),
        o.path("configRuleName").asText(),
        o.path("arn").asText(),
        o.path("targetType").asText(),
        o.path("targetId").asText(),
        text(o, "targetVersion"),
        params,
        text(o, "resourceType"),
        o.path("automatic").asBoolean(),
        integer(o, "concurrentPercentage"),
        integer(o, "errorPercentage"),
        integer(o, "maximumAutomaticAttempts"),
        o.has("retryAttemptSeconds")
            ? Optional.of(o.path("retryAttemptSeconds").asLong())
            : Optional.empty());
  }

  public static String write(RemediationExecution x) {
    ObjectNode o = JSON.createObjectNode();
    o.put("ruleName", x.ruleName());
    o.put("resourceType", x.key().resourceType());
    o.put("resourceId", x.key().resourceId());
    o.put("state", x.state());
    ArrayNode steps = o.putArray("steps");
    for (ExecutionStep s : x.steps()) {
      ObjectNode n = steps.addObject();
      n.put("name", s.name());
      n.put("state", s.state());
      s.errorMessage().ifPresent(m -> n.put("errorMessage", m));
      s.startTime().ifPresent(t -> n.put("startTime", t.toEpochMilli()));
      s.stopTime().ifPresent(t -> n.put("stopTime", t.toEpochMilli()));
    }
    o.put("invocationTime", x.invocationTime().toEpochMilli());
    o.put("lastUpdatedTime", x.lastUpdatedTime().toEpochMilli());
    o.put("automatic", x.automatic());
    o.put("attempts", x.attempts());
    return o.toString();
  }

  /** The execution stored as {@code doc}, whose next attempt the store keeps apart. */
  public static RemediationExecution execution(String doc, Optional<Instant> nextAttemptAt) {
    JsonNode o = parse(doc);
    List<ExecutionStep> steps = new ArrayList<>();
    for (JsonNode n : o.path("steps")) {
      steps.add(
          new ExecutionStep(
              n.path("name").asText(),
              n.path("state").asText(),
              text(n, "errorMessage"),
              time(n, "startTime"),
              time(n, "stopTime")));
    }
    return new RemediationExecution(
        o.path("ruleName").asText(),
        new ResourceKey(o.path("resourceType").asText(), o.path("resourceId").asText()),
        o.path("state").asText(),
        steps,
        Instant.ofEpochMilli(o.path("invocationTime").asLong()),
        Instant.ofEpochMilli(o.path("lastUpdatedTime").asLong()),
        o.path("automatic").asBoolean(),
        o.path("attempts").asInt(),
        nextAttemptAt);
  }

  private static JsonNode parse(String doc) {
    try {
      return JSON.readTree(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored remediation document does not parse", e);
    }
  }

  private static Optional<String> text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private static Optional<Integer> integer(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asInt());
  }

  private static Optional<Instant> time(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull()
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(v.asLong()));
  }
}
