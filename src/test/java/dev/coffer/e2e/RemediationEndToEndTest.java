package dev.coffer.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue #6's end-to-end proof, with the real AWS CLI against {@code ./coffer dev}: secrets in
 * several states are evaluated, the results read with {@code aws configservice}, the SNS
 * notification of the non-compliant one arrives at a local HTTP endpoint, a remediation started
 * with the CLI rotates it as the remediation role (whose session the audit trail names), and the
 * rule turns COMPLIANT.
 */
class RemediationEndToEndTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String RANDOM_PASSWORD =
      "arn:aws:lambda:us-east-1:123456789012:function:coffer-random-password";
  static final String SECRET_TYPE = "AWS::SecretsManager::Secret";

  @Test
  void evaluateNotifyRemediate_theRuleTurnsCompliant() throws Exception {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          if ("Notification"
              .equals(exchange.getRequestHeaders().getFirst("x-amz-sns-message-type"))) {
            received.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    hook.start();
    Path data = Files.createTempDirectory("coffer-e2e-remediation");
    String endpoint = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
    try (DevServerProcess server =
        DevServerProcess.start(data, "--notification-endpoint", endpoint)) {
      AwsCli aws = server.rootCli();
      // Secrets in three states: rotation off, every 30 days, every 90 days (over the limit).
      String plain = create(aws, "e2e/plain");
      String rotated = create(aws, "e2e/rotated");
      aws.ok(
          "secretsmanager",
          "rotate-secret",
          "--secret-id",
          rotated,
          "--rotation-lambda-arn",
          RANDOM_PASSWORD,
          "--rotation-rules",
          "{\"AutomaticallyAfterDays\":30}");
      String slow = create(aws, "e2e/slow");
      aws.ok(
          "secretsmanager",
          "rotate-secret",
          "--secret-id",
          slow,
          "--rotation-lambda-arn",
          RANDOM_PASSWORD,
          "--rotation-rules",
          "{\"AutomaticallyAfterDays\":90}");

      // The role the runbook runs as: trusted by Systems Manager, allowed to rotate secrets.
      aws.ok(
          "iam",
          "create-role",
          "--role-name",
          "config-remediation",
          "--assume-role-policy-document",
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
              + "{\"Service\":\"ssm.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
      aws.ok(
          "iam",
          "put-role-policy",
          "--role-name",
          "config-remediation",
          "--policy-name",
          "rotate",
          "--policy-document",
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
              + "\"secretsmanager:DescribeSecret\",\"secretsmanager:RotateSecret\","
              + "\"secretsmanager:GetSecretValue\",\"secretsmanager:PutSecretValue\","
              + "\"secretsmanager:UpdateSecretVersionStage\"],\"Resource\":\"*\"}]}");

      aws.ok(
          "configservice",
          "put-config-rule",
          "--config-rule",
          "{\"ConfigRuleName\":\"rotation\",\"Source\":{\"Owner\":\"AWS\","
              + "\"SourceIdentifier\":\"SECRETSMANAGER_ROTATION_ENABLED_CHECK\"},"
              + "\"InputParameters\":\"{\\\"maximumAllowedRotationFrequency\\\":\\\"60\\\"}\"}");
      aws.ok("configservice", "start-config-rules-evaluation", "--config-rule-names", "rotation");

      assertThat(complianceOf(aws, plain)).isEqualTo("NON_COMPLIANT");
      assertThat(complianceOf(aws, rotated)).isEqualTo("COMPLIANT");
      assertThat(complianceOf(aws, slow)).isEqualTo("NON_COMPLIANT");
      assertThat(ruleCompliance(aws)).isEqualTo("NON_COMPLIANT");

      JsonNode nonCompliant = await(received, plain, "NON_COMPLIANT");
      assertThat(nonCompliant.path("Type").asText()).isEqualTo("Notification");
      assertThat(nonCompliant.path("Subject").asText()).startsWith("[AWS Config:us-east-1] ");

      String role = "arn:aws:iam::123456789012:role/config-remediation";
      aws.ok(
          "configservice",
          "put-remediation-configurations",
          "--remediation-configurations",
          "[{\"ConfigRuleName\":\"rotation\",\"TargetType\":\"SSM_DOCUMENT\","
              + "\"TargetId\":\"AWSConfigRemediation-RotateSecret\","
              + "\"ResourceType\":\""
              + SECRET_TYPE
              + "\",\"Parameters\":{"
              + "\"AutomationAssumeRole\":{\"StaticValue\":{\"Values\":[\""
              + role
              + "\"]}},"
              + "\"RotationInterval\":{\"StaticValue\":{\"Values\":[\"30\"]}},"
              + "\"RotationLambdaArn\":{\"StaticValue\":{\"Values\":[\""
              + RANDOM_PASSWORD
              + "\"]}},"
              + "\"SecretId\":{\"ResourceValue\":{\"Value\":\"RESOURCE_ID\"}}}}]");
      JsonNode configs =
          aws.ok(
              "configservice",
              "describe-remediation-configurations",
              "--config-rule-names",
              "rotation");
      assertThat(configs.path("RemediationConfigurations").get(0).path("Arn").asText())
          .contains(":remediation-configuration/rotation/");

      JsonNode started =
          aws.ok(
              "configservice",
              "start-remediation-execution",
              "--config-rule-name",
              "rotation",
              "--resource-keys",
              "resourceType=" + SECRET_TYPE + ",resourceId=" + plain,
              "resourceType=" + SECRET_TYPE + ",resourceId=" + slow);
      assertThat(started.path("FailedItems")).isEmpty();
      JsonNode statuses =
          aws.ok(
                  "configservice",
                  "describe-remediation-execution-status",
                  "--config-rule-name",
                  "rotation")
              .path("RemediationExecutionStatuses");
      assertThat(statuses).hasSize(2);
      for (JsonNode status : statuses) {
        assertThat(status.path("ResourceKey").path("resourceId").asText()).isIn(plain, slow);
        assertThat(status.path("State").asText()).as(status.toString()).isEqualTo("SUCCEEDED");
        assertThat(status.path("StepDetails")).hasSize(3);
      }

      assertThat(complianceOf(aws, plain)).isEqualTo("COMPLIANT");
      assertThat(complianceOf(aws, slow)).isEqualTo("COMPLIANT");
      assertThat(ruleCompliance(aws)).isEqualTo("COMPLIANT");
      await(received, plain, "COMPLIANT");

      JsonNode events =
          aws.ok(
              "cloudtrail",
              "lookup-events",
              "--lookup-attributes",
              "AttributeKey=EventName,AttributeValue=RotateSecret");
      boolean byRole = false;
      for (JsonNode e : events.path("Events")) {
        JsonNode who = JSON.readTree(e.path("CloudTrailEvent").asText()).path("userIdentity");
        byRole |= who.path("arn").asText().contains(":assumed-role/config-remediation/");
      }
      assertThat(byRole).as(events.toString()).isTrue();
      server.stop();
    } finally {
      hook.stop(0);
    }
  }

  private static String create(AwsCli aws, String name) {
    return aws.ok("secretsmanager", "create-secret", "--name", name, "--secret-string", "s3cr3t")
        .get("ARN")
        .asText();
  }

  private static String complianceOf(AwsCli aws, String arn) {
    JsonNode r =
        aws.ok(
            "configservice",
            "get-compliance-details-by-resource",
            "--resource-type",
            SECRET_TYPE,
            "--resource-id",
            arn);
    return r.path("EvaluationResults").get(0).path("ComplianceType").asText();
  }

  private static String ruleCompliance(AwsCli aws) {
    return aws.ok(
            "configservice",
            "describe-compliance-by-config-rule",
            "--config-rule-names",
            "rotation")
        .path("ComplianceByConfigRules")
        .get(0)
        .path("Compliance")
        .path("ComplianceType")
        .asText();
  }

  /**
   * The notification of {@code resourceId} turning {@code type}. The dev server's sender polls
   * every five seconds, so this waits for delivery (bounded, so a lost notification fails).
   */
  private static JsonNode await(List<JsonNode> received, String resourceId, String type)
      throws Exception {
    Predicate<JsonNode> wanted =
        n -> {
          try {
            JsonNode m = JSON.readTree(n.path("Message").asText());
            return m.path("resourceId").asText().equals(resourceId)
                && m.path("newEvaluationResult").path("complianceType").asText().equals(type)
                && m.path("messageType").asText().equals("ComplianceChangeNotification");
          } catch (java.io.IOException e) {
            return false;
          }
        };
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode n : received) {
        if (wanted.test(n)) {
          return n;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no " + type + " notification for " + resourceId + ": " + received);
  }
}
