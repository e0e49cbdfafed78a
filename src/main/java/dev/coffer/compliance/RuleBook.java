package dev.coffer.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.core.error.InvalidParameterValueException;
import dev.coffer.core.error.NoSuchConfigRuleException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PutConfigRule's checks, and the look-ups of DescribeConfigRules and DeleteConfigRule. */
final class RuleBook {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ComplianceStore store;

  RuleBook(ComplianceStore store) {
    this.store = store;
  }

  /** Validates {@code req} and builds the rule, keeping the identity of an existing one. */
  ConfigRule build(String accountId, String region, PutRuleRequest req, Instant now) {
    if (!req.sourceOwner().equals("AWS")) {
      throw new InvalidParameterValueException(
          "Coffer evaluates only the AWS managed rules for Secrets Manager; Source.Owner must be"
              + " AWS, not "
              + req.sourceOwner()
              + ".");
    }
    ManagedRule managed =
        ManagedRule.byIdentifier(req.sourceIdentifier())
            .orElseThrow(() ->
                new InvalidParameterValueException(
                    "The sourceIdentifier "
                        + req.sourceIdentifier()
                        + " is invalid. Please refer to the documentation for a list of valid"
                        + " sourceIdentifiers that can be used when AWS is the Owner."));
    Map<String, String> params = parseParameters(req.inputParameters());
    ManagedRules.validate(managed, params);
    if (req.maximumExecutionFrequency().isPresent()) {
      if (ExecutionFrequency.parse(req.maximumExecutionFrequency().get()).isEmpty()) {
        throw new InvalidParameterValueException(
            "The MaximumExecutionFrequency "
                + req.maximumExecutionFrequency().get()
                + " is invalid; use One_Hour, Three_Hours, Six_Hours, Twelve_Hours or"
                + " TwentyFour_Hours.");
      }
      if (managed.trigger() == RuleTrigger.CONFIGURATION_CHANGES) {
        throw new InvalidParameterValueException(
            "A maximum execution frequency is not allowed for the rule "
                + managed.identifier()
                + ", which is triggered by configuration changes.");
      }
    }
    Optional<ConfigRule> existing = store.rule(accountId, region, req.name());
    String ruleId = existing.map(ConfigRule::ruleId).orElseGet(RuleBook::newRuleId);
    return new ConfigRule(
        accountId,
        region,
        req.name(),
        existing
            .map(ConfigRule::arn)
            .orElse("arn:aws:config:" + region + ":" + accountId + ":config-rule/" + ruleId),
        ruleId,
        req.description(),
        managed.identifier(),
        params,
        req.maximumExecutionFrequency(),
        req.scope(),
        existing.map(ConfigRule::createdAt).orElse(now));
  }

  /** The rules named (all of the account and region when none are). */
  List<ConfigRule> find(String accountId, String region, List<String> names) {
    if (names.isEmpty()) {
      return store.rules(Optional.of(accountId), Optional.of(region));
    }
    List<ConfigRule> out = new ArrayList<>();
    for (String name : names) {
      out.add(require(accountId, region, name));
    }
    return out;
  }

  ConfigRule require(String accountId, String region, String name) {
    return store.rule(accountId, region, name).orElseThrow(() -> noSuchRule(name));
  }

  static NoSuchConfigRuleException noSuchRule(String name) {
    return new NoSuchConfigRuleException(
        "The ConfigRule '"
            + name
            + "' provided in the request is invalid. Please check the"
            + " configRule name.");
  }

  /** InputParameters: a JSON object whose values are strings (numbers are accepted as text). */
  static Map<String, String> parseParameters(Optional<String> text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text.isEmpty() || text.get().isBlank()) {
      return out;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text.get());
    } catch (IOException e) {
      throw invalidParameters();
    }
    if (node == null || !node.isObject()) {
      throw invalidParameters();
    }
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode v = e.getValue();
      if (!v.isTextual() && !v.isNumber()) {
        throw invalidParameters();
      }
      out.put(e.getKey(), v.asText());
    }
    return out;
  }

  private static InvalidParameterValueException invalidParameters() {
    return new InvalidParameterValueException(
        "Invalid json provided in the input parameters: a JSON object of string values is"
            + " expected.");
  }

  private static String newRuleId() {
    StringBuilder b = new StringBuilder("config-rule-");
    for (int i = 0; i < 6; i++) {
      b.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
    }
    return b.toString();
  }
}
