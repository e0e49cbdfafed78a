package dev.coffer.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.testing.Backend;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.SignedJsonClient;
import dev.coffer.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The AWS Config API for secrets through a running server, with the domain clock moved by hand:
 * rules, change-triggered and periodic evaluation, results, roll-ups, configuration history,
 * aggregators, errors, and the compliance-change seam.
 */
abstract class ConfigContract {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ROTATION = "SECRETSMANAGER_ROTATION_ENABLED_CHECK";
  static final String UNUSED = "SECRETSMANAGER_SECRET_UNUSED";
  static final String CMK = "SECRETSMANAGER_USING_CMK";

  MutableClock clock;
  TestServer server;
  SecretsManagerClient sm;
  SignedJsonClient config;
  final List<ComplianceChange> changes = Collections.synchronizedList(new ArrayList<>());

  abstract Backend backend();

  @BeforeEach
  void start() {
    clock = MutableClock.startingNow();
    server = TestServer.start(backend(), clock);
    server.server().compliance().addListener(changes::add);
    sm = server.secretsManager();
    config =
        new SignedJsonClient(
            server.endpoint(), "config", TestServer.ACCESS_KEY, TestServer.SECRET_KEY);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  JsonNode ok(String op, String body) {
    SignedJsonClient.Answer a = config.call("StarlingDoveService." + op, body);
    assertThat(a.status()).as(op + " " + a.body()).isEqualTo(200);
    return a.body();
  }

  JsonNode error(String op, String body, String code) {
    SignedJsonClient.Answer a = config.call("StarlingDoveService." + op, body);
    assertThat(a.status()).as(op + " " + a.body()).isEqualTo(400);
    assertThat(a.body().path("__type").asText()).endsWith(code);
    return a.body();
  }

  void putRule(String name, String identifier, String params) {
    ok(
        "PutConfigRule",
        "{\"ConfigRule\":{\"ConfigRuleName\":\""
            + name
            + "\",\"Source\":{\"Owner\":\"AWS\",\"SourceIdentifier\":\""
            + identifier
            + "\"}"
            + (params.isEmpty() ? "" : ",\"InputParameters\":" + JSON.valueToTree(params))
            + "}}");
  }

  String create(String name) {
    return sm.createSecret(b -> b.name(name).secretString("v")).arn();
  }

  Map<String, String> results(String rule) {
    JsonNode body = ok("GetComplianceDetailsByConfigRule", "{\"ConfigRuleName\":\"" + rule + "\"}");
    Map<String, String> out = new java.util.TreeMap<>();
    for (JsonNode r : body.path("EvaluationResults")) {
      out.put(
          r.path("EvaluationResultIdentifier")
              .path("EvaluationResultQualifier")
              .path("ResourceId")
              .asText(),
          r.path("ComplianceType").asText());
    }
    return out;
  }

  @Test
  void putConfigRule_evaluatesExistingSecrets_andDescribesTheRule() {
    String arn = create("no-rotation");
    putRule("rotation", ROTATION, "{\"maximumAllowedRotationFrequency\":\"30\"}");

    assertThat(results("rotation")).containsExactly(Map.entry(arn, "NON_COMPLIANT"));
    JsonNode rules = ok("DescribeConfigRules", "{\"ConfigRuleNames\":[\"rotation\"]}");
    JsonNode rule = rules.path("ConfigRules").get(0);
    assertThat(rule.path("ConfigRuleArn").asText())
        .startsWith("arn:aws:config:us-east-1:" + TestServer.ACCOUNT + ":config-rule/config-rule-");
    assertThat(rule.path("Source").path("SourceIdentifier").asText()).isEqualTo(ROTATION);
    assertThat(rule.path("InputParameters").asText()).contains("maximumAllowedRotationFrequency");
    assertThat(rule.path("ConfigRuleState").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void secretChange_triggersChangeRules_andNotifiesListeners() {
    putRule("rotation", ROTATION, "");
    String arn = create("later");

    assertThat(results("rotation")).containsExactly(Map.entry(arn, "NON_COMPLIANT"));
    assertThat(changes).hasSize(1);
    ComplianceChange c = changes.get(0);
    assertThat(c.resourceId()).isEqualTo(arn);
    assertThat(c.resourceName()).isEqualTo("later");
    assertThat(c.oldResult()).isEmpty();
    assertThat(c.newComplianceType()).isEqualTo(ComplianceType.NON_COMPLIANT);
    assertThat(c.newResult().annotation()).contains("Rotation is not enabled for the secret.");
  }

  @Test
  void usingCmk_customerKeyCompliant_defaultKeyNot_andRollUps() {
    String key = server.kms().createKey(b -> b.description("app")).keyMetadata().arn();
    String good = sm.createSecret(b -> b.name("good").secretString("v").kmsKeyId(key)).arn();
    String bad = create("bad");
    putRule("cmk", CMK, "");

    assertThat(results("cmk"))
        .containsExactlyInAnyOrderEntriesOf(Map.of(good, "COMPLIANT", bad, "NON_COMPLIANT"));
    JsonNode byRule = ok("DescribeComplianceByConfigRule", "{}");
    JsonNode compliance = byRule.path("ComplianceByConfigRules").get(0).path("Compliance");
    assertThat(compliance.path("ComplianceType").asText()).isEqualTo("NON_COMPLIANT");
    assertThat(compliance.path("ComplianceContributorCount").path("CappedCount").asInt())
        .isEqualTo(1);
    JsonNode byResource =
        ok(
            "DescribeComplianceByResource",
            "{\"ResourceType\":\"AWS::SecretsManager::Secret\",\"ResourceId\":\"" + good + "\"}");
    assertThat(
            byResource
                .path("ComplianceByResources")
                .get(0)
                .path("Compliance")
                .path("ComplianceType")
                .asText())
        .isEqualTo("COMPLIANT");
    JsonNode onlyBad =
        ok(
            "GetComplianceDetailsByConfigRule",
            "{\"ConfigRuleName\":\"cmk\",\"ComplianceTypes\":[\"NON_COMPLIANT\"]}");
    assertThat(onlyBad.path("EvaluationResults")).hasSize(1);

    // Moving the good secret to the default key turns it non-compliant at once.
    sm.updateSecret(b -> b.secretId(good).kmsKeyId("alias/aws/secretsmanager"));
    assertThat(results("cmk")).containsEntry(good, "NON_COMPLIANT");
  }

  @Test
  void periodicRule_runsOnItsSchedule_andOnDemand() {
    String arn = create("idle");
    putRule("unused", UNUSED, "{\"unusedForDays\":\"1\"}");
    assertThat(results("unused")).containsExactly(Map.entry(arn, "COMPLIANT"));

    clock.advance(Duration.ofHours(23));
    server.server().runComplianceNow();
    assertThat(results("unused")).containsExactly(Map.entry(arn, "COMPLIANT"));

    clock.advance(Duration.ofHours(26));
    server.server().runComplianceNow();
    assertThat(results("unused")).containsExactly(Map.entry(arn, "NON_COMPLIANT"));

    sm.getSecretValue(b -> b.secretId(arn));
    ok("StartConfigRulesEvaluation", "{\"ConfigRuleNames\":[\"unused\"]}");
    assertThat(results("unused")).containsExactly(Map.entry(arn, "COMPLIANT"));
    assertThat(changes)
        .extracting(ComplianceChange::newComplianceType)
        .containsExactly(
            ComplianceType.COMPLIANT, ComplianceType.NON_COMPLIANT, ComplianceType.COMPLIANT);
  }

  @Test
  void periodicRule_claimedOncePerRound() {
    create("s");
    putRule("unused", UNUSED, "");
    clock.advance(Duration.ofHours(25));
    int first = server.server().runComplianceNow();
    int second = server.server().runComplianceNow();
    assertThat(first).isGreaterThanOrEqualTo(1);
    assertThat(second).isZero();
  }

  @Test
  void getResourceConfigHistory_recordsEachChange_newestFirst_withPaging() {
    String arn = create("hist");
    clock.advance(Duration.ofMinutes(1));
    sm.updateSecret(b -> b.secretId(arn).description("second"));
    clock.advance(Duration.ofMinutes(1));
    sm.tagResource(b -> b.secretId(arn).tags(Tag.builder().key("team").value("a").build()));
    clock.advance(Duration.ofMinutes(1));
    // A new value is not a configuration change.
    sm.putSecretValue(b -> b.secretId(arn).secretString("w"));

    String req = "{\"resourceType\":\"AWS::SecretsManager::Secret\",\"resourceId\":\"" + arn + "\"";
    JsonNode all = ok("GetResourceConfigHistory", req + "}");
    JsonNode items = all.path("configurationItems");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).path("configurationItemStatus").asText()).isEqualTo("OK");
    assertThat(items.get(2).path("configurationItemStatus").asText())
        .isEqualTo("ResourceDiscovered");
    JsonNode newest = readTree(items.get(0).path("configuration").asText());
    assertThat(newest.path("Description").asText()).isEqualTo("second");
    assertThat(newest.path("Tags").get(0).path("Key").asText()).isEqualTo("team");
    assertThat(items.get(0).toString()).doesNotContain("\"w\"");
    assertThat(items.get(0).path("tags").path("team").asText()).isEqualTo("a");

    JsonNode page1 =
        ok("GetResourceConfigHistory", req + ",\"limit\":2,\"chronologicalOrder\":\"Forward\"}");
    assertThat(page1.path("configurationItems")).hasSize(2);
    assertThat(page1.path("configurationItems").get(0).path("configurationItemStatus").asText())
        .isEqualTo("ResourceDiscovered");
    String token = page1.path("nextToken").asText();
    assertThat(token).isNotEmpty();
    JsonNode page2 =
        ok(
            "GetResourceConfigHistory",
            req
                + ",\"limit\":2,\"chronologicalOrder\":\"Forward\",\"nextToken\":\""
                + token
                + "\"}");
    assertThat(page2.path("configurationItems")).hasSize(1);
    assertThat(page2.has("nextToken")).isFalse();
    error(
        "GetResourceConfigHistory",
        req + ",\"limit\":1,\"nextToken\":\"" + token + "\"}",
        "InvalidNextTokenException");
  }

  @Test
  void deletedSecret_recordsResourceDeleted_andResultsBecomeNotApplicable() {
    putRule("rotation", ROTATION, "");
    String arn = create("doomed");
    sm.deleteSecret(b -> b.secretId(arn).forceDeleteWithoutRecovery(true));

    assertThat(results("rotation")).containsExactly(Map.entry(arn, "NOT_APPLICABLE"));
    JsonNode items =
        ok(
                "GetResourceConfigHistory",
                "{\"resourceType\":\"AWS::SecretsManager::Secret\",\"resourceId\":\"" + arn + "\"}")
            .path("configurationItems");
    assertThat(items.get(0).path("configurationItemStatus").asText()).isEqualTo("ResourceDeleted");
  }

  @Test
  void scope_byTag_limitsTheRule() {
    ok(
        "PutConfigRule",
        "{\"ConfigRule\":{\"ConfigRuleName\":\"tagged\",\"Scope\":{\"TagKey\":\"env\","
            + "\"TagValue\":\"prod\"},\"Source\":{\"Owner\":\"AWS\",\"SourceIdentifier\":\""
            + ROTATION
            + "\"}}}");
    String prod =
        sm.createSecret(b ->
                b.name("prod")
                    .secretString("v")
                    .tags(Tag.builder().key("env").value("prod").build()))
            .arn();
    create("dev");
    assertThat(results("tagged")).containsExactly(Map.entry(prod, "NON_COMPLIANT"));
  }

  @Test
  void aggregator_showsTheRulesOfItsSources() {
    String arn = create("agg");
    putRule("rotation", ROTATION, "");
    JsonNode put =
        ok(
            "PutConfigurationAggregator",
            "{\"ConfigurationAggregatorName\":\"all\",\"AccountAggregationSources\":[{"
                + "\"AccountIds\":[\""
                + TestServer.ACCOUNT
                + "\"],\"AllAwsRegions\":true}]}");
    assertThat(put.path("ConfigurationAggregator").path("ConfigurationAggregatorArn").asText())
        .contains(":config-aggregator/config-aggregator-");
    assertThat(ok("DescribeConfigurationAggregators", "{}").path("ConfigurationAggregators"))
        .hasSize(1);

    JsonNode byRules =
        ok("DescribeAggregateComplianceByConfigRules", "{\"ConfigurationAggregatorName\":\"all\"}");
    JsonNode row = byRules.path("AggregateComplianceByConfigRules").get(0);
    assertThat(row.path("ConfigRuleName").asText()).isEqualTo("rotation");
    assertThat(row.path("AccountId").asText()).isEqualTo(TestServer.ACCOUNT);
    assertThat(row.path("AwsRegion").asText()).isEqualTo("us-east-1");
    assertThat(row.path("Compliance").path("ComplianceType").asText()).isEqualTo("NON_COMPLIANT");

    JsonNode details =
        ok(
            "GetAggregateComplianceDetailsByConfigRule",
            "{\"ConfigurationAggregatorName\":\"all\",\"ConfigRuleName\":\"rotation\","
                + "\"AccountId\":\""
                + TestServer.ACCOUNT
                + "\",\"AwsRegion\":\"us-east-1\"}");
    JsonNode r = details.path("AggregateEvaluationResults").get(0);
    assertThat(
            r.path("EvaluationResultIdentifier")
                .path("EvaluationResultQualifier")
                .path("ResourceId")
                .asText())
        .isEqualTo(arn);
    assertThat(r.path("AccountId").asText()).isEqualTo(TestServer.ACCOUNT);

    error(
        "DescribeAggregateComplianceByConfigRules",
        "{\"ConfigurationAggregatorName\":\"none\"}",
        "NoSuchConfigurationAggregatorException");
  }

  @Test
  void errors_areAwsShaped() {
    error("DescribeConfigRules", "{\"ConfigRuleNames\":[\"nope\"]}", "NoSuchConfigRuleException");
    error("DeleteConfigRule", "{\"ConfigRuleName\":\"nope\"}", "NoSuchConfigRuleException");
    error(
        "StartConfigRulesEvaluation",
        "{\"ConfigRuleNames\":[\"nope\"]}",
        "NoSuchConfigRuleException");
    JsonNode bad =
        error(
            "PutConfigRule",
            "{\"ConfigRule\":{\"ConfigRuleName\":\"x\",\"Source\":{\"Owner\":\"AWS\","
                + "\"SourceIdentifier\":\"S3_BUCKET_VERSIONING_ENABLED\"}}}",
            "InvalidParameterValueException");
    assertThat(bad.path("message").asText()).contains("sourceIdentifier");
    error(
        "PutConfigRule",
        "{\"ConfigRule\":{\"ConfigRuleName\":\"x\",\"Source\":{\"Owner\":\"AWS\","
            + "\"SourceIdentifier\":\""
            + UNUSED
            + "\"},\"InputParameters\":\"{\\\"unusedForDays\\\":\\\"-1\\\"}\"}}",
        "InvalidParameterValueException");
    error(
        "PutConfigRule",
        "{\"ConfigRule\":{\"ConfigRuleName\":\"x\",\"MaximumExecutionFrequency\":\"One_Hour\","
            + "\"Source\":{\"Owner\":\"AWS\",\"SourceIdentifier\":\""
            + ROTATION
            + "\"}}}",
        "InvalidParameterValueException");
    error(
        "GetResourceConfigHistory",
        "{\"resourceType\":\"AWS::SecretsManager::Secret\",\"resourceId\":\"arn:nope\"}",
        "ResourceNotDiscoveredException");
    error(
        "GetComplianceDetailsByConfigRule",
        "{\"ConfigRuleName\":\"x\",\"Limit\":101}",
        "InvalidLimitException");
  }

  @Test
  void deleteConfigRule_removesRuleAndResults_keepsHistory() {
    create("s");
    putRule("rotation", ROTATION, "");
    ok("DeleteConfigRule", "{\"ConfigRuleName\":\"rotation\"}");
    assertThat(ok("DescribeConfigRules", "{}").path("ConfigRules")).isEmpty();
    ComplianceEngine engine = server.server().compliance();
    assertThat(engine.currentEvaluations(EvaluationFilter.all())).isEmpty();
    assertThat(
            engine.history(
                EvaluationFilter.all().withRule("rotation"),
                clock.instant().minusSeconds(60),
                clock.instant().plusSeconds(60)))
        .hasSize(1);
  }

  @Test
  void paging_getComplianceDetailsByConfigRule() {
    for (int i = 0; i < 5; i++) {
      create("p" + i);
    }
    putRule("rotation", ROTATION, "");
    JsonNode first =
        ok("GetComplianceDetailsByConfigRule", "{\"ConfigRuleName\":\"rotation\",\"Limit\":3}");
    assertThat(first.path("EvaluationResults")).hasSize(3);
    JsonNode second =
        ok(
            "GetComplianceDetailsByConfigRule",
            "{\"ConfigRuleName\":\"rotation\",\"Limit\":3,\"NextToken\":\""
                + first.path("NextToken").asText()
                + "\"}");
    assertThat(second.path("EvaluationResults")).hasSize(2);
    assertThat(second.has("NextToken")).isFalse();
  }

  @Test
  void getFindings_securityHubControlsAsAsff() {
    String arn =
        sm.createSecret(b ->
                b.name("found")
                    .secretString("v")
                    .tags(Tag.builder().key("team").value("a").build()))
            .arn();
    SignedJsonClient coffer =
        new SignedJsonClient(
            server.endpoint(), "coffer", TestServer.ACCESS_KEY, TestServer.SECRET_KEY);
    SignedJsonClient.Answer a =
        coffer.call(
            "Coffer_Compliance_20261101.GetFindings",
            "{\"ControlParameters\":[{\"SecurityControlId\":\"SecretsManager.5\","
                + "\"Name\":\"requiredTagKeys\",\"Value\":[\"team\",\"env\"]}]}");
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    JsonNode findings = a.body().path("Findings");
    assertThat(findings).hasSize(5);
    Map<String, String> status = new java.util.TreeMap<>();
    for (JsonNode f : findings) {
      assertThat(f.path("SchemaVersion").asText()).isEqualTo("2018-10-08");
      assertThat(f.path("Resources").get(0).path("Id").asText()).isEqualTo(arn);
      status.put(
          f.path("Compliance").path("SecurityControlId").asText(),
          f.path("Compliance").path("Status").asText());
    }
    assertThat(status)
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                Map.of(
                    "SecretsManager.1", "FAILED",
                    "SecretsManager.2", "NOT_AVAILABLE",
                    "SecretsManager.3", "PASSED",
                    "SecretsManager.4", "PASSED",
                    "SecretsManager.5", "FAILED")));
    JsonNode five = findings.get(4);
    assertThat(five.path("Severity").path("Label").asText()).isEqualTo("LOW");
    assertThat(five.path("Compliance").path("SecurityControlParameters").get(0).path("Value"))
        .hasSize(2);
    assertThat(findings.get(1).path("RecordState").asText()).isEqualTo("ARCHIVED");

    SignedJsonClient.Answer failedOnly =
        coffer.call(
            "Coffer_Compliance_20261101.GetFindings",
            "{\"Filters\":{\"ComplianceStatus\":[\"FAILED\"]}}");
    assertThat(failedOnly.body().path("Findings")).hasSize(1);
    SignedJsonClient.Answer paged =
        coffer.call("Coffer_Compliance_20261101.GetFindings", "{\"MaxResults\":2}");
    assertThat(paged.body().path("Findings")).hasSize(2);
    assertThat(paged.body().path("NextToken").asText()).isNotEmpty();
  }

  @Test
  void listAccessAnalyzerFindings_crossAccountAndPublicPolicies() {
    String shared = create("shared");
    String open = create("open");
    create("private");
    sm.putResourcePolicy(b ->
        b.secretId(shared)
            .resourcePolicy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},"
                    + "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}"));
    sm.putResourcePolicy(b ->
        b.secretId(open)
            .resourcePolicy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":\"*\",\"Action\":\"secretsmanager:GetSecretValue\","
                    + "\"Resource\":\"*\"}]}"));
    SignedJsonClient coffer =
        new SignedJsonClient(
            server.endpoint(), "coffer", TestServer.ACCESS_KEY, TestServer.SECRET_KEY);
    SignedJsonClient.Answer a =
        coffer.call("Coffer_Compliance_20261101.ListAccessAnalyzerFindings", "{}");
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    Map<String, Boolean> publicByResource = new java.util.TreeMap<>();
    for (JsonNode f : a.body().path("findings")) {
      assertThat(f.path("findingType").asText()).isEqualTo("ExternalAccess");
      assertThat(f.path("status").asText()).isEqualTo("ACTIVE");
      publicByResource.put(f.path("resource").asText(), f.path("isPublic").asBoolean());
    }
    assertThat(publicByResource)
        .containsExactlyInAnyOrderEntriesOf(Map.of(shared, false, open, true));
  }

  static JsonNode readTree(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
