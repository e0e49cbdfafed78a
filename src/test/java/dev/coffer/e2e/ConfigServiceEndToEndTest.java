package dev.coffer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code aws configservice} against {@code ./coffer dev}: rules, evaluation, results, roll-ups,
 * configuration history, aggregators and an AWS-shaped error, with the real AWS CLI.
 */
class ConfigServiceEndToEndTest {
  static final String RANDOM_PASSWORD =
      "arn:aws:lambda:us-east-1:123456789012:function:coffer-random-password";
  static final String SECRET_TYPE = "AWS::SecretsManager::Secret";

  @Test
  void configservice_rulesResultsHistoryAndAggregators() throws Exception {
    Path data = Files.createTempDirectory("coffer-e2e-config");
    try (DevServerProcess server = DevServerProcess.start(data)) {
      AwsCli aws = server.rootCli();
      String arn =
          aws.ok(
                  "secretsmanager",
                  "create-secret",
                  "--name",
                  "e2e/app",
                  "--secret-string",
                  "s3cr3t")
              .get("ARN")
              .asText();
      aws.ok(
          "configservice",
          "put-config-rule",
          "--config-rule",
          "{\"ConfigRuleName\":\"rotation\",\"Source\":{\"Owner\":\"AWS\","
              + "\"SourceIdentifier\":\"SECRETSMANAGER_ROTATION_ENABLED_CHECK\"},"
              + "\"InputParameters\":\"{\\\"maximumAllowedRotationFrequency\\\":\\\"30\\\"}\"}");
      aws.ok(
          "configservice",
          "put-config-rule",
          "--config-rule",
          "{\"ConfigRuleName\":\"unused\",\"Source\":{\"Owner\":\"AWS\","
              + "\"SourceIdentifier\":\"SECRETSMANAGER_SECRET_UNUSED\"},"
              + "\"MaximumExecutionFrequency\":\"Six_Hours\"}");
      aws.ok(
          "configservice",
          "start-config-rules-evaluation",
          "--config-rule-names",
          "rotation",
          "unused");

      JsonNode rules = aws.ok("configservice", "describe-config-rules");
      assertThat(rules.get("ConfigRules")).hasSize(2);
      assertThat(complianceOf(aws, "rotation")).isEqualTo("NON_COMPLIANT");
      assertThat(complianceOf(aws, "unused")).isEqualTo("COMPLIANT");

      // Turning rotation on is a configuration change: the rule re-evaluates at once.
      aws.ok(
          "secretsmanager",
          "rotate-secret",
          "--secret-id",
          "e2e/app",
          "--rotation-lambda-arn",
          RANDOM_PASSWORD,
          "--rotation-rules",
          "{\"ScheduleExpression\":\"rate(10 days)\"}");
      assertThat(complianceOf(aws, "rotation")).isEqualTo("COMPLIANT");

      JsonNode byRule = aws.ok("configservice", "describe-compliance-by-config-rule");
      assertThat(byRule.get("ComplianceByConfigRules")).hasSize(2);
      JsonNode byResource =
          aws.ok(
              "configservice",
              "describe-compliance-by-resource",
              "--resource-type",
              SECRET_TYPE,
              "--resource-id",
              arn);
      assertThat(
              byResource
                  .get("ComplianceByResources")
                  .get(0)
                  .get("Compliance")
                  .get("ComplianceType")
                  .asText())
          .isEqualTo("COMPLIANT");
      JsonNode details =
          aws.ok(
              "configservice",
              "get-compliance-details-by-resource",
              "--resource-type",
              SECRET_TYPE,
              "--resource-id",
              arn);
      assertThat(details.get("EvaluationResults")).hasSize(2);

      JsonNode history =
          aws.ok(
              "configservice",
              "get-resource-config-history",
              "--resource-type",
              SECRET_TYPE,
              "--resource-id",
              arn);
      JsonNode items = history.get("configurationItems");
      assertThat(items.size()).isGreaterThanOrEqualTo(2);
      assertThat(items.get(0).get("configuration").asText()).contains("\"RotationEnabled\":true");
      assertThat(history.toString()).doesNotContain("s3cr3t");

      aws.ok(
          "configservice",
          "put-configuration-aggregator",
          "--configuration-aggregator-name",
          "all",
          "--account-aggregation-sources",
          "[{\"AccountIds\":[\"123456789012\"],\"AllAwsRegions\":true}]");
      JsonNode aggregate =
          aws.ok(
              "configservice",
              "describe-aggregate-compliance-by-config-rules",
              "--configuration-aggregator-name",
              "all");
      assertThat(aggregate.get("AggregateComplianceByConfigRules")).hasSize(2);

      AwsCli.Result missing =
          aws.run("configservice", "describe-config-rules", "--config-rule-names", "nope");
      assertThat(missing.exit()).isNotZero();
      assertThat(missing.err()).contains("NoSuchConfigRuleException");
      server.stop();
    }
  }

  private static String complianceOf(AwsCli aws, String rule) {
    JsonNode r =
        aws.ok(
            "configservice", "get-compliance-details-by-config-rule", "--config-rule-name", rule);
    assertThat(r.get("EvaluationResults")).hasSize(1);
    return r.get("EvaluationResults").get(0).get("ComplianceType").asText();
  }
}
