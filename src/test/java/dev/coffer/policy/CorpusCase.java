package dev.coffer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.policy.internal.JsonValue;
import dev.coffer.policy.internal.JsonValue.JArray;
import dev.coffer.policy.internal.JsonValue.JObject;
import dev.coffer.policy.internal.JsonValue.JString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One corpus case: builds the request it describes and checks the decision. */
record CorpusCase(String name, String rule, JObject spec) {
  static final String DEFAULT_RESOURCE =
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";

  void run() {
    AuthorizationRequest request = request();
    Decision d = PolicyEvaluator.evaluate(request);
    String expected = PolicyCorpusTest.string(spec, "expect", "");
    assertThat(d.outcome().name())
        .as(
            "%s (%s): %s",
            name,
            rule,
            d.message(request.principal().arn(), request.action(), request.resourceArn()))
        .isEqualTo(expected);
  }

  AuthorizationRequest request() {
    Map<String, JsonValue> m = spec.members();
    AuthorizationRequest.Builder b =
        AuthorizationRequest.builder(
            principal(m.get("principal")),
            PolicyCorpusTest.string(spec, "action", "secretsmanager:GetSecretValue"),
            PolicyCorpusTest.string(spec, "resource", DEFAULT_RESOURCE));
    if (m.containsKey("resourceAccount")) {
      b.resourceAccount(PolicyCorpusTest.string(spec, "resourceAccount", ""));
    }
    if (m.get("context") instanceof JObject ctx) {
      b.context(context(ctx));
    }
    if (m.get("condition") instanceof JObject cond) {
      b.identityPolicy(
          PolicyParser.parse(
              "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                  + "\"Resource\":\"*\",\"Condition\":"
                  + JsonText.write(cond)
                  + "}}",
              PolicyKind.IDENTITY));
    }
    if (m.get("identityPolicies") instanceof JArray ids) {
      for (JsonValue p : ids.items()) {
        b.identityPolicy(parse(p, PolicyKind.IDENTITY));
      }
    }
    if (m.containsKey("resourcePolicy")) {
      PolicyKind kind =
          PolicyKind.valueOf(PolicyCorpusTest.string(spec, "resourcePolicyKind", "RESOURCE"));
      b.resourcePolicy(parse(m.get("resourcePolicy"), kind));
    }
    if (m.containsKey("permissionsBoundary")) {
      b.permissionsBoundary(parse(m.get("permissionsBoundary"), PolicyKind.IDENTITY));
    }
    if (m.containsKey("sessionPolicy")) {
      b.sessionPolicy(parse(m.get("sessionPolicy"), PolicyKind.IDENTITY));
    }
    return b.build();
  }

  private static PolicyDocument parse(JsonValue v, PolicyKind kind) {
    return PolicyParser.parse(JsonText.write(v), kind);
  }

  /** {"root": acct} | {"user": arn, "tags": {}} | {"role": arn, "session": s} | {"service": s}. */
  private static RequestPrincipal principal(JsonValue v) {
    if (v == null) {
      return RequestPrincipal.user("arn:aws:iam::111122223333:user/alice", "AIDAALICE", Map.of());
    }
    if (v instanceof JString s && s.value().equals("anonymous")) {
      return RequestPrincipal.anonymous();
    }
    JObject o = (JObject) v;
    Map<String, String> tags = new LinkedHashMap<>();
    if (o.members().get("tags") instanceof JObject t) {
      t.members().forEach((k, val) -> tags.put(k, ((JString) val).value()));
    }
    if (o.members().containsKey("root")) {
      return RequestPrincipal.root(PolicyCorpusTest.string(o, "root", ""));
    }
    if (o.members().containsKey("user")) {
      return RequestPrincipal.user(
          PolicyCorpusTest.string(o, "user", ""),
          PolicyCorpusTest.string(o, "userId", "AIDAEXAMPLE"),
          tags);
    }
    if (o.members().containsKey("role")) {
      return RequestPrincipal.assumedRole(
          PolicyCorpusTest.string(o, "role", ""),
          PolicyCorpusTest.string(o, "roleId", "AROAEXAMPLE"),
          PolicyCorpusTest.string(o, "session", "session"),
          tags);
    }
    return RequestPrincipal.service(PolicyCorpusTest.string(o, "service", ""));
  }

  private static ConditionContext context(JObject ctx) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    ctx.members()
        .forEach((k, v) -> {
          List<String> values = new ArrayList<>();
          List<JsonValue> items = v instanceof JArray a ? a.items() : List.of(v);
          for (JsonValue item : items) {
            values.add(item instanceof JString s ? s.value() : JsonText.write(item));
          }
          keys.put(k, values);
        });
    return ConditionContext.of(keys);
  }
}
