package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.ConfigRule;
import dev.coffer.compliance.ConfigurationAggregator;
import dev.coffer.compliance.ConfigurationItem;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.compliance.ManagedRule;
import dev.coffer.compliance.RuleCompliance;
import dev.coffer.compliance.RuleTrigger;
import dev.coffer.core.error.InvalidLimitException;
import dev.coffer.core.error.InvalidParameterValueException;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.PageToken;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The AWS Config shapes Coffer writes, and the input pieces several operations share. */
final class ConfigJson {
  static final List<String> COMPLIANCE_TYPES =
      List.of("COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE", "INSUFFICIENT_DATA");

  private ConfigJson() {}

  static ObjectNode rule(ConfigRule r) {
    ObjectNode o = Json.object();
    o.put("ConfigRuleName", r.name());
    o.put("ConfigRuleArn", r.arn());
    o.put("ConfigRuleId", r.ruleId());
    Json.putIfPresent(o, "Description", r.description());
    ObjectNode scope = o.putObject("Scope");
    if (!r.scope().complianceResourceTypes().isEmpty()) {
      scope.set("ComplianceResourceTypes", Json.strings(r.scope().complianceResourceTypes()));
    }
    Json.putIfPresent(scope, "TagKey", r.scope().tagKey());
    Json.putIfPresent(scope, "TagValue", r.scope().tagValue());
    Json.putIfPresent(scope, "ComplianceResourceId", r.scope().complianceResourceId());
    ObjectNode source = o.putObject("Source");
    source.put("Owner", "AWS");
    source.put("SourceIdentifier", r.sourceIdentifier());
    if (!r.inputParameters().isEmpty()) {
      ObjectNode params = Json.object();
      r.inputParameters().forEach(params::put);
      o.put("InputParameters", params.toString());
    }
    boolean periodic =
        ManagedRule.byIdentifier(r.sourceIdentifier())
            .filter(m -> m.trigger() == RuleTrigger.PERIODIC)
            .isPresent();
    if (periodic) {
      o.put("MaximumExecutionFrequency", r.maximumExecutionFrequency().orElse("TwentyFour_Hours"));
    }
    o.put("ConfigRuleState", "ACTIVE");
    o.putArray("EvaluationModes").addObject().put("Mode", "DETECTIVE");
    return o;
  }

  static ObjectNode compliance(RuleCompliance c) {
    ObjectNode o = Json.object();
    o.put("ComplianceType", c.type().name());
    if (c.type() == ComplianceType.NON_COMPLIANT) {
      o.putObject("ComplianceContributorCount")
          .put("CappedCount", c.nonCompliantCount())
          .put("CapExceeded", c.capExceeded());
    }
    return o;
  }

  static ObjectNode result(EvaluationResult r) {
    ObjectNode o = Json.object();
    ObjectNode id = o.putObject("EvaluationResultIdentifier");
    id.putObject("EvaluationResultQualifier")
        .put("ConfigRuleName", r.configRuleName())
        .put("ResourceType", r.resourceType())
        .put("ResourceId", r.resourceId())
        .put("EvaluationMode", "DETECTIVE");
    id.put("OrderingTimestamp", Json.timestamp(r.orderingTimestamp()));
    o.put("ComplianceType", r.complianceType().name());
    o.put("ResultRecordedTime", Json.timestamp(r.resultRecordedTime()));
    o.put("ConfigRuleInvokedTime", Json.timestamp(r.configRuleInvokedTime()));
    Json.putIfPresent(o, "Annotation", r.annotation());
    return o;
  }

  /** A configuration item in GetResourceConfigHistory's lowerCamel shape (version 1.3). */
  static ObjectNode item(ConfigurationItem i) {
    ObjectNode o = Json.object();
    o.put("version", "1.3");
    o.put("accountId", i.accountId());
    o.put("configurationItemCaptureTime", Json.timestamp(i.captureTime()));
    o.put("configurationItemStatus", i.status());
    o.put("configurationStateId", Long.toString(i.captureTime().toEpochMilli()));
    o.put("arn", i.resourceId());
    o.put("resourceType", EvaluationResult.SECRET_TYPE);
    o.put("resourceId", i.resourceId());
    o.put("resourceName", i.resourceName());
    o.put("awsRegion", i.region());
    o.put("availabilityZone", "Regional");
    o.put("resourceCreationTime", Json.timestamp(i.resourceCreationTime()));
    ObjectNode tags = o.putObject("tags");
    i.tags().forEach(tags::put);
    o.putArray("relatedEvents");
    o.putArray("relationships");
    o.put("configuration", configuration(i).toString());
    o.putObject("supplementaryConfiguration");
    return o;
  }

  /** The {@code configuration} document of a secret's item (AWS Config resource schema). */
  static ObjectNode configuration(ConfigurationItem i) {
    ObjectNode c = Json.object();
    c.put("ARN", i.resourceId());
    c.put("Name", i.resourceName());
    Json.putIfPresent(c, "Description", i.description());
    Json.putIfPresent(c, "KMSKeyId", i.kmsKeyId());
    c.put("RotationEnabled", i.rotationEnabled());
    Json.putIfPresent(c, "RotationLambdaARN", i.rotationLambdaArn());
    if (!i.rotationRules().isEmpty()) {
      ObjectNode rules = c.putObject("RotationRules");
      i.rotationRules()
          .automaticallyAfterDays()
          .ifPresent(d -> rules.put("AutomaticallyAfterDays", d));
      i.rotationRules().scheduleExpression().ifPresent(e -> rules.put("ScheduleExpression", e));
      i.rotationRules().duration().ifPresent(d -> rules.put("Duration", d));
    }
    i.rotationOccurringAsScheduled().ifPresent(b -> c.put("RotationOccurringAsScheduled", b));
    c.put("Deleted", i.deleted());
    ArrayNode tags = c.putArray("Tags");
    i.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
    return c;
  }

  static ObjectNode aggregator(ConfigurationAggregator a) {
    ObjectNode o = Json.object();
    o.put("ConfigurationAggregatorName", a.name());
    o.put("ConfigurationAggregatorArn", a.arn());
    ObjectNode src = o.putArray("AccountAggregationSources").addObject();
    src.set("AccountIds", Json.strings(a.accountIds()));
    src.put("AllAwsRegions", a.allRegions());
    if (!a.allRegions()) {
      src.set("AwsRegions", Json.strings(a.regions()));
    }
    o.put("CreationTime", Json.timestamp(a.createdAt()));
    o.put("LastUpdatedTime", Json.timestamp(a.updatedAt()));
    return o;
  }

  /** ComplianceTypes: a list of the four values (evaluations carry only three of them). */
  static Set<ComplianceType> complianceTypes(JsonInput in) {
    List<String> given = in.stringList("ComplianceTypes", 0, 3, 0, 64).orElse(List.of());
    Set<ComplianceType> out = EnumSet.noneOf(ComplianceType.class);
    for (String t : given) {
      out.add(complianceType(t));
    }
    return out;
  }

  static ComplianceType complianceType(String t) {
    return ComplianceType.parse(t)
        .orElseThrow(() ->
            new InvalidParameterValueException(
                "The ComplianceType " + t + " is invalid; use one of " + COMPLIANCE_TYPES + "."));
  }

  /** Limit of the Describe and Get operations: 0 (the default page) to {@code max}. */
  static int limit(JsonInput in, String member, int max, int defaultPage) {
    long n = in.integer(member, 0, Integer.MAX_VALUE).orElse(0L);
    if (n > max) {
      throw new InvalidLimitException(
          "Value '"
              + n
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have"
              + " value less than or equal to "
              + max);
    }
    return n == 0 ? defaultPage : (int) n;
  }

  /** The offset a NextToken names for this request, 0 without one. */
  static int offset(JsonInput in, String member, String binding) {
    return in.string(member, 0, 4096).map(t -> PageToken.decode(t, binding)).orElse(0);
  }

  /**
   * Adds the first {@code limit} of {@code rows} (fetched with one extra) to {@code array}, and a
   * NextToken when there are more.
   */
  static <T> void page(
      ObjectNode out,
      String array,
      String tokenMember,
      List<T> rows,
      int offset,
      int limit,
      String binding,
      java.util.function.Function<T, ObjectNode> render) {
    ArrayNode a = out.putArray(array);
    for (T r : rows.subList(0, Math.min(limit, rows.size()))) {
      a.add(render.apply(r));
    }
    if (rows.size() > limit) {
      out.put(tokenMember, PageToken.encode(offset + limit, binding));
    }
  }
}
