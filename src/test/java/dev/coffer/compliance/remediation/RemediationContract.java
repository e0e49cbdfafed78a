package dev.coffer.compliance.remediation;

import static dev.coffer.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.testing.Backend;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.SignedJsonClient;
import dev.coffer.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.DescribeRemediationExecutionStatusResponse;
import software.amazon.awssdk.services.config.model.NoSuchRemediationConfigurationException;
import software.amazon.awssdk.services.config.model.RemediationConfiguration;
import software.amazon.awssdk.services.config.model.RemediationExecutionState;
import software.amazon.awssdk.services.config.model.RemediationExecutionStatus;
import software.amazon.awssdk.services.config.model.RemediationExecutionStep;
import software.amazon.awssdk.services.config.model.RemediationParameterValue;
import software.amazon.awssdk.services.config.model.ResourceKey;
import software.amazon.awssdk.services.config.model.ResourceType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Remediation through the AWS SDK's ConfigClient on a running server: configurations and their
 * validation, exceptions, the two runbooks run as their AutomationAssumeRole (allowed, denied by
 * the role's policy, refused by its trust policy), automatic remediation with retries on an
 * injected clock and across a restart, and {@code config:*} authorization.
 */
abstract class RemediationContract {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ACCOUNT = TestServer.ACCOUNT;
  static final String SECRET = "AWS::SecretsManager::Secret";
  static final String ROTATE = "AWSConfigRemediation-RotateSecret";
  static final String DELETE = "AWSConfigRemediation-DeleteSecret";
  static final String RANDOM_PASSWORD =
      "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:coffer-random-password";
  static final String TRUST_SSM =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"Service\":\"ssm.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String TRUST_ACCOUNT =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
          + ACCOUNT
          + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";

  MutableClock clock;
  TestServer server;
  SecretsManagerClient sm;
  ConfigClient config;
  IamClient iam;

  abstract Backend backend();

  @BeforeEach
  void start() {
    clock = MutableClock.startingNow();
    server = TestServer.start(backend(), clock);
    clients();
  }

  void clients() {
    sm = server.secretsManager();
    iam = server.iam();
    config = config(TestServer.root());
  }

  ConfigClient config(AwsCredentials credentials) {
    return server.client(ConfigClient.builder(), Region.US_EAST_1, credentials);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  // ---- fixtures ----

  void rotationRule(String name) {
    config.putConfigRule(r ->
        r.configRule(c ->
            c.configRuleName(name)
                .source(s ->
                    s.owner("AWS").sourceIdentifier("SECRETSMANAGER_ROTATION_ENABLED_CHECK"))));
  }

  String role(String name, String trust, String... actions) {
    String arn = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
    if (actions.length > 0) {
      StringBuilder a = new StringBuilder();
      for (String x : actions) {
        a.append(a.length() == 0 ? "" : ",").append('"').append(x).append('"');
      }
      iam.putRolePolicy(p ->
          p.roleName(name)
              .policyName("remediate")
              .policyDocument(
                  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
                      + a
                      + "],\"Resource\":\"*\"}]}"));
    }
    return arn;
  }

  /** A role Systems Manager may assume, allowed every call the rotate runbook makes. */
  String rotatorRole() {
    return role(
        "remediator",
        TRUST_SSM,
        "secretsmanager:DescribeSecret",
        "secretsmanager:RotateSecret",
        "secretsmanager:PutSecretValue",
        "secretsmanager:UpdateSecretVersionStage",
        "secretsmanager:GetSecretValue");
  }

  static Map<String, RemediationParameterValue> rotateParams(String roleArn, String interval) {
    return Map.of(
        "AutomationAssumeRole", fixed(roleArn),
        "RotationInterval", fixed(interval),
        "RotationLambdaArn", fixed(RANDOM_PASSWORD),
        "SecretId", resourceId());
  }

  /** A parameter the runbook fills with the remediated resource's id. */
  static RemediationParameterValue resourceId() {
    return RemediationParameterValue.builder().resourceValue(v -> v.value("RESOURCE_ID")).build();
  }

  static RemediationParameterValue fixed(String value) {
    return RemediationParameterValue.builder().staticValue(v -> v.values(value)).build();
  }

  RemediationConfiguration.Builder rotateConfig(String rule, String roleArn) {
    return RemediationConfiguration.builder()
        .configRuleName(rule)
        .targetType("SSM_DOCUMENT")
        .targetId(ROTATE)
        .resourceType(SECRET)
        .parameters(rotateParams(roleArn, "30"));
  }

  void put(RemediationConfiguration.Builder c) {
    assertThat(
            config
                .putRemediationConfigurations(r -> r.remediationConfigurations(c.build()))
                .failedBatches())
        .isEmpty();
  }

  List<RemediationConfiguration> configurations(String... rules) {
    return config
        .describeRemediationConfigurations(r -> r.configRuleNames(rules))
        .remediationConfigurations();
  }

  String create(String name) {
    return sm.createSecret(b -> b.name(name).secretString("v")).arn();
  }

  String compliance(String rule, String arn) {
    return config
        .getComplianceDetailsByConfigRule(r -> r.configRuleName(rule))
        .evaluationResults()
        .stream()
        .filter(e ->
            e.evaluationResultIdentifier().evaluationResultQualifier().resourceId().equals(arn))
        .map(e -> e.complianceTypeAsString())
        .findFirst()
        .orElse("NONE");
  }

  RemediationExecutionStatus status(String rule, String arn) {
    DescribeRemediationExecutionStatusResponse r =
        config.describeRemediationExecutionStatus(b ->
            b.configRuleName(rule)
                .resourceKeys(ResourceKey.builder().resourceType(SECRET).resourceId(arn).build()));
    assertThat(r.remediationExecutionStatuses()).hasSize(1);
    return r.remediationExecutionStatuses().get(0);
  }

  void startOn(String rule, String arn) {
    assertThat(
            config
                .startRemediationExecution(r ->
                    r.configRuleName(rule)
                        .resourceKeys(
                            ResourceKey.builder().resourceType(SECRET).resourceId(arn).build()))
                .failedItems())
        .isEmpty();
  }

  // ---- configurations ----

  @Test
  void putRemediationConfigurations_isDescribedWithArn_andDeleted() {
    rotationRule("rotation");
    String role = role("remediator", TRUST_SSM, "secretsmanager:*");
    put(
        rotateConfig("rotation", role)
            .automatic(true)
            .maximumAutomaticAttempts(3)
            .retryAttemptSeconds(120L));

    List<RemediationConfiguration> got = configurations("rotation", "other");
    assertThat(got).hasSize(1);
    RemediationConfiguration c = got.get(0);
    assertThat(c.arn())
        .startsWith("arn:aws:config:us-east-1:" + ACCOUNT + ":remediation-configuration/rotation/");
    assertThat(c.targetId()).isEqualTo(ROTATE);
    assertThat(c.automatic()).isTrue();
    assertThat(c.maximumAutomaticAttempts()).isEqualTo(3);
    assertThat(c.retryAttemptSeconds()).isEqualTo(120L);
    assertThat(c.parameters().get("SecretId").resourceValue().valueAsString())
        .isEqualTo("RESOURCE_ID");
    assertThat(c.parameters().get("RotationInterval").staticValue().values()).containsExactly("30");

    // A second put replaces the configuration and keeps its ARN.
    put(rotateConfig("rotation", role).automatic(false));
    RemediationConfiguration again = configurations("rotation").get(0);
    assertThat(again.arn()).isEqualTo(c.arn());
    assertThat(again.automatic()).isFalse();

    config.deleteRemediationConfiguration(r -> r.configRuleName("rotation"));
    assertThat(configurations("rotation")).isEmpty();
    assertThatThrownBy(
            () -> config.deleteRemediationConfiguration(r -> r.configRuleName("rotation")))
        .isInstanceOf(NoSuchRemediationConfigurationException.class);
  }

  @Test
  void putRemediationConfigurations_unknownRule_isAFailedBatch() {
    var r =
        config.putRemediationConfigurations(b ->
            b.remediationConfigurations(
                rotateConfig("missing", "arn:aws:iam::" + ACCOUNT + ":role/x").build()));
    assertThat(r.failedBatches()).hasSize(1);
    assertThat(r.failedBatches().get(0).failedItems().get(0).configRuleName()).isEqualTo("missing");
  }

  @Test
  void putRemediationConfigurations_invalidValues_areRefused() {
    rotationRule("rotation");
    String role = "arn:aws:iam::" + ACCOUNT + ":role/r";
    assertAwsError(
        () -> put(rotateConfig("rotation", role).targetId("AWS-RunShellScript")),
        "InvalidParameterValueException");
    assertAwsError(
            () -> put(rotateConfig("rotation", role).parameters(rotateParams(role, "366"))),
            "InvalidParameterValueException")
        .hasMessageContaining("RotationInterval");
    assertAwsError(
            () ->
                put(
                    rotateConfig("rotation", role)
                        .parameters(
                            Map.of("AutomationAssumeRole", fixed(role), "SecretId", fixed("s")))),
            "InvalidParameterValueException")
        .hasMessageContaining("is required");
    assertAwsError(
        () ->
            put(
                RemediationConfiguration.builder()
                    .configRuleName("rotation")
                    .targetType("SSM_DOCUMENT")
                    .targetId(DELETE)
                    .parameters(
                        Map.of(
                            "AutomationAssumeRole", fixed(role),
                            "SecretId", fixed("s"),
                            "RecoveryWindowInDays", fixed("6")))),
        "InvalidParameterValueException");
    assertAwsError(
        () -> put(rotateConfig("rotation", role).parameters(rotateParams("not-a-role", "30"))),
        "InvalidParameterValueException");
    assertAwsError(
        () -> put(rotateConfig("rotation", role).maximumAutomaticAttempts(26)),
        "ValidationException");
    assertAwsError(
        () -> put(rotateConfig("rotation", role).retryAttemptSeconds(2_678_001L)),
        "ValidationException");
    assertThat(configurations("rotation")).isEmpty();
  }

  @Test
  void startRemediationExecution_withoutConfiguration_isNoSuchRemediationConfiguration() {
    rotationRule("rotation");
    String arn = create("s");
    assertThatThrownBy(() -> startOn("rotation", arn))
        .isInstanceOf(NoSuchRemediationConfigurationException.class);
    assertThatThrownBy(
            () -> config.describeRemediationExecutionStatus(r -> r.configRuleName("rotation")))
        .isInstanceOf(NoSuchRemediationConfigurationException.class);
  }

  @Test
  void startRemediationExecution_wrongResourceType_isAFailedItem() {
    rotationRule("rotation");
    put(rotateConfig("rotation", role("remediator", TRUST_SSM, "secretsmanager:*")));
    var r =
        config.startRemediationExecution(b ->
            b.configRuleName("rotation")
                .resourceKeys(
                    ResourceKey.builder()
                        .resourceType(ResourceType.AWS_S3_BUCKET)
                        .resourceId("b")
                        .build()));
    assertThat(r.failedItems()).hasSize(1);
    assertThat(r.failureMessage()).contains("resource type");
  }

  // ---- runbooks ----

  @Test
  void rotateSecretRunbook_runsAsTheRole_auditedAsItsSession_andTheRuleTurnsCompliant()
      throws Exception {
    rotationRule("rotation");
    String arn = create("app/db");
    assertThat(compliance("rotation", arn)).isEqualTo("NON_COMPLIANT");
    String role = rotatorRole();
    put(rotateConfig("rotation", role));

    startOn("rotation", arn);

    RemediationExecutionStatus s = status("rotation", arn);
    assertThat(s.state()).isEqualTo(RemediationExecutionState.SUCCEEDED);
    assertThat(s.stepDetails())
        .extracting(RemediationExecutionStep::name)
        .containsExactly("DescribeSecret", "RotateSecret", "VerifyRotation");
    assertThat(s.stepDetails())
        .allSatisfy(st -> assertThat(st.stateAsString()).isEqualTo("SUCCEEDED"));
    assertThat(s.invocationTime()).isNotNull();
    assertThat(sm.describeSecret(d -> d.secretId(arn)).rotationEnabled()).isTrue();
    assertThat(sm.describeSecret(d -> d.secretId(arn)).rotationRules().automaticallyAfterDays())
        .isEqualTo(30L);
    assertThat(compliance("rotation", arn)).isEqualTo("COMPLIANT");

    JsonNode rotate = lookup("RotateSecret");
    JsonNode who = rotate.path("userIdentity");
    assertThat(who.path("type").asText()).isEqualTo("AssumedRole");
    assertThat(who.path("arn").asText())
        .startsWith("arn:aws:sts::" + ACCOUNT + ":assumed-role/remediator/Remediation-");
    assertThat(who.path("accessKeyId").asText()).startsWith("ASIA");
    JsonNode assume = lookup("AssumeRole");
    assertThat(assume.path("userIdentity").path("invokedBy").asText())
        .isEqualTo("ssm.amazonaws.com");
  }

  /** The newest audit event named {@code name}, as CloudTrail LookupEvents returns it. */
  JsonNode lookup(String name) throws Exception {
    SignedJsonClient trail =
        new SignedJsonClient(
            server.endpoint(), "cloudtrail", TestServer.ACCESS_KEY, TestServer.SECRET_KEY);
    SignedJsonClient.Answer a =
        trail.call(
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents",
            "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\""
                + name
                + "\"}]}");
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(a.body().path("Events").size()).as(name + " events").isGreaterThan(0);
    return JSON.readTree(a.body().path("Events").get(0).path("CloudTrailEvent").asText());
  }

  @Test
  void rotateSecretRunbook_deniedByTheRolePolicy_failsWithTheReason() {
    rotationRule("rotation");
    String arn = create("app/db");
    put(rotateConfig("rotation", role("reader", TRUST_SSM, "secretsmanager:DescribeSecret")));

    startOn("rotation", arn);

    RemediationExecutionStatus s = status("rotation", arn);
    assertThat(s.state()).isEqualTo(RemediationExecutionState.FAILED);
    assertThat(s.stepDetails().get(0).stateAsString()).isEqualTo("SUCCEEDED");
    RemediationExecutionStep rotate = s.stepDetails().get(1);
    assertThat(rotate.stateAsString()).isEqualTo("FAILED");
    assertThat(rotate.errorMessage())
        .contains("AccessDeniedException")
        .contains("assumed-role/reader/")
        .contains("secretsmanager:RotateSecret");
    assertThat(s.stepDetails().get(2).stateAsString()).isEqualTo("PENDING");
    assertThat(sm.describeSecret(d -> d.secretId(arn)).rotationEnabled())
        .isNotEqualTo(Boolean.TRUE);
    assertThat(compliance("rotation", arn)).isEqualTo("NON_COMPLIANT");
  }

  @Test
  void runbook_roleNotTrustingSystemsManager_failsAtTheFirstStep() {
    rotationRule("rotation");
    String arn = create("app/db");
    put(rotateConfig("rotation", role("untrusting", TRUST_ACCOUNT, "secretsmanager:*")));

    startOn("rotation", arn);

    RemediationExecutionStatus s = status("rotation", arn);
    assertThat(s.state()).isEqualTo(RemediationExecutionState.FAILED);
    assertThat(s.stepDetails().get(0).errorMessage())
        .contains("unable to be assumed")
        .contains("sts:AssumeRole");
  }

  @Test
  void deleteSecretRunbook_schedulesDeletion_withTheRecoveryWindow() {
    config.putConfigRule(r ->
        r.configRule(c ->
            c.configRuleName("cmk")
                .source(s -> s.owner("AWS").sourceIdentifier("SECRETSMANAGER_USING_CMK"))));
    String arn = create("old");
    String role =
        role("deleter", TRUST_SSM, "secretsmanager:DescribeSecret", "secretsmanager:DeleteSecret");
    put(
        RemediationConfiguration.builder()
            .configRuleName("cmk")
            .targetType("SSM_DOCUMENT")
            .targetId(DELETE)
            .parameters(
                Map.of(
                    "AutomationAssumeRole", fixed(role),
                    "SecretId", resourceId(),
                    "RecoveryWindowInDays", fixed("7"))));

    startOn("cmk", arn);

    RemediationExecutionStatus s = status("cmk", arn);
    assertThat(s.state()).isEqualTo(RemediationExecutionState.SUCCEEDED);
    assertThat(s.stepDetails())
        .extracting(RemediationExecutionStep::name)
        .containsExactly("DescribeSecret", "DeleteSecret", "VerifySecretDeletion");
    var d = sm.describeSecret(b -> b.secretId(arn));
    assertThat(d.deletedDate()).isNotNull();
    assertThat(Duration.between(clock.instant(), d.deletedDate()).toDays()).isBetween(6L, 7L);
  }

  // ---- automatic remediation ----

  @Test
  void automaticRemediation_retriesWithinTheLimits_thenAddsAnException() {
    rotationRule("rotation");
    put(
        rotateConfig("rotation", role("reader", TRUST_SSM, "secretsmanager:DescribeSecret"))
            .automatic(true)
            .maximumAutomaticAttempts(2)
            .retryAttemptSeconds(30L));
    String arn = create("app/db");
    assertThat(compliance("rotation", arn)).isEqualTo("NON_COMPLIANT");
    assertThat(status("rotation", arn).state()).isEqualTo(RemediationExecutionState.QUEUED);

    assertThat(server.server().runRemediationNow()).isEqualTo(1);
    assertThat(status("rotation", arn).state()).isEqualTo(RemediationExecutionState.FAILED);
    assertThat(server.server().runRemediationNow()).isZero(); // the retry waits 30 s

    clock.advance(Duration.ofSeconds(31));
    assertThat(server.server().runRemediationNow()).isEqualTo(1);
    assertThat(status("rotation", arn).state()).isEqualTo(RemediationExecutionState.FAILED);

    clock.advance(Duration.ofMinutes(10));
    assertThat(server.server().runRemediationNow()).isZero(); // two attempts were allowed
    var exceptions =
        config
            .describeRemediationExceptions(r -> r.configRuleName("rotation"))
            .remediationExceptions();
    assertThat(exceptions).hasSize(1);
    assertThat(exceptions.get(0).resourceId()).isEqualTo(arn);
    assertThat(exceptions.get(0).message()).contains("2 times");
  }

  @Test
  void automaticRemediation_isQueuedDurably_andRunsAfterARestart() {
    rotationRule("rotation");
    String role = rotatorRole();
    put(rotateConfig("rotation", role).automatic(true));
    String arn = create("app/db");
    assertThat(status("rotation", arn).state()).isEqualTo(RemediationExecutionState.QUEUED);

    server.restart();
    clients();

    assertThat(server.server().runRemediationNow()).isEqualTo(1);
    assertThat(status("rotation", arn).state()).isEqualTo(RemediationExecutionState.SUCCEEDED);
    assertThat(compliance("rotation", arn)).isEqualTo("COMPLIANT");
  }

  @Test
  void automaticRemediation_skipsResourcesWithAnException() {
    rotationRule("rotation");
    String first = create("first");
    put(
        rotateConfig("rotation", role("reader", TRUST_SSM, "secretsmanager:DescribeSecret"))
            .automatic(true));
    config.putRemediationExceptions(r ->
        r.configRuleName("rotation")
            .message("accepted risk")
            .resourceKeys(k -> k.resourceType(SECRET).resourceId(first)));
    sm.updateSecret(u -> u.secretId(first).description("touched"));
    sm.tagResource(t -> t.secretId(first).tags(tag -> tag.key("k").value("v")));
    String second = create("second");
    assertThat(compliance("rotation", second)).isEqualTo(ComplianceType.NON_COMPLIANT.toString());

    assertThat(server.server().runRemediationNow()).isEqualTo(1);
    assertThat(
            config
                .describeRemediationExecutionStatus(r -> r.configRuleName("rotation"))
                .remediationExecutionStatuses())
        .extracting(x -> x.resourceKey().resourceId())
        .containsExactly(second);
  }

  @Test
  void automaticRemediation_attemptOfADeadNode_runsAgainWhenItsLeaseEnds() throws Exception {
    rotationRule("rotation");
    String role = rotatorRole();
    put(rotateConfig("rotation", role).automatic(true));
    String arn = create("app/db");
    long leaseEnd = clock.instant().plus(Duration.ofMinutes(10)).toEpochMilli();
    // A node claimed the attempt and died while running it.
    server.restart(db -> {
      try (var st =
          db.prepareStatement(
              "UPDATE remediation_executions SET state = 'IN_PROGRESS', next_attempt_at = ?")) {
        st.setLong(1, leaseEnd);
        assertThat(st.executeUpdate()).isEqualTo(1);
      }
    });
    clients();
    assertThat(status("rotation", arn).state()).isEqualTo(RemediationExecutionState.IN_PROGRESS);
    assertThat(server.server().runRemediationNow()).isZero();
    assertAwsError(
        () -> config.deleteRemediationConfiguration(r -> r.configRuleName("rotation")),
        "RemediationInProgressException");

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertThat(server.server().runRemediationNow()).isEqualTo(1);
    assertThat(status("rotation", arn).state()).isEqualTo(RemediationExecutionState.SUCCEEDED);
    config.deleteRemediationConfiguration(r -> r.configRuleName("rotation"));
  }

  // ---- exceptions ----

  @Test
  void remediationExceptions_putDescribeDelete() {
    rotationRule("rotation");
    config.putRemediationExceptions(r ->
        r.configRuleName("rotation")
            .message("later")
            .resourceKeys(
                k -> k.resourceType(SECRET).resourceId("a"),
                k -> k.resourceType(SECRET).resourceId("b")));
    var all = config.describeRemediationExceptions(r -> r.configRuleName("rotation"));
    assertThat(all.remediationExceptions())
        .extracting(e -> e.resourceId())
        .containsExactly("a", "b");
    assertThat(all.remediationExceptions().get(0).message()).isEqualTo("later");

    var page = config.describeRemediationExceptions(r -> r.configRuleName("rotation").limit(1));
    assertThat(page.remediationExceptions()).hasSize(1);
    var next =
        config.describeRemediationExceptions(
            r -> r.configRuleName("rotation").limit(1).nextToken(page.nextToken()));
    assertThat(next.remediationExceptions()).extracting(e -> e.resourceId()).containsExactly("b");

    var deleted =
        config.deleteRemediationExceptions(r ->
            r.configRuleName("rotation")
                .resourceKeys(
                    k -> k.resourceType(SECRET).resourceId("a"),
                    k -> k.resourceType(SECRET).resourceId("zzz")));
    assertThat(deleted.failedBatches()).hasSize(1);
    assertThat(deleted.failedBatches().get(0).failedItems())
        .extracting(k -> k.resourceId())
        .containsExactly("zzz");
    assertThat(
            config
                .describeRemediationExceptions(r -> r.configRuleName("rotation"))
                .remediationExceptions())
        .extracting(e -> e.resourceId())
        .containsExactly("b");
  }

  // ---- config:* authorization ----

  AwsCredentials user(String name, String policy) {
    iam.createUser(u -> u.userName(name));
    if (!policy.isEmpty()) {
      iam.putUserPolicy(p -> p.userName(name).policyName("p").policyDocument(policy));
    }
    CreateAccessKeyResponse k = iam.createAccessKey(a -> a.userName(name));
    return AwsBasicCredentials.create(k.accessKey().accessKeyId(), k.accessKey().secretAccessKey());
  }

  static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }

  @Test
  void configApi_userWithoutPolicy_isDeniedEveryOperation() {
    rotationRule("rotation");
    ConfigClient noone = config(user("noone", ""));
    assertAwsError(() -> noone.describeConfigRules(), "AccessDeniedException")
        .hasMessageContaining("config:DescribeConfigRules");
    assertThatThrownBy(
            () -> noone.getComplianceDetailsByConfigRule(r -> r.configRuleName("rotation")))
        .hasMessageContaining("config:GetComplianceDetailsByConfigRule")
        .hasMessageContaining(":config-rule/config-rule-");
    assertAwsError(
        () -> noone.deleteConfigRule(r -> r.configRuleName("rotation")), "AccessDeniedException");
    assertThatThrownBy(() ->
            noone.putRemediationConfigurations(r ->
                r.remediationConfigurations(
                    rotateConfig("rotation", "arn:aws:iam::" + ACCOUNT + ":role/r").build())))
        .hasMessageContaining("config:PutRemediationConfigurations");
    assertThatThrownBy(
            () -> noone.describeRemediationExecutionStatus(r -> r.configRuleName("rotation")))
        .hasMessageContaining("config:DescribeRemediationExecutionStatus");
    assertThat(config.describeConfigRules().configRules()).hasSize(1); // the rule is still there
  }

  @Test
  void configApi_policyOnOneRuleArn_allowsThatRuleOnly() {
    rotationRule("rotation");
    rotationRule("other");
    String arn =
        config
            .describeConfigRules(r -> r.configRuleNames("rotation"))
            .configRules()
            .get(0)
            .configRuleArn();
    ConfigClient auditor =
        config(user("auditor", allow("config:GetComplianceDetailsByConfigRule", arn)));

    assertThat(
            auditor
                .getComplianceDetailsByConfigRule(r -> r.configRuleName("rotation"))
                .evaluationResults())
        .isEmpty();
    assertAwsError(
        () -> auditor.getComplianceDetailsByConfigRule(r -> r.configRuleName("other")),
        "AccessDeniedException");
    assertAwsError(() -> auditor.describeConfigRules(), "AccessDeniedException");

    ConfigClient reader = config(user("reader", allow("config:Describe*", "*")));
    assertThat(reader.describeConfigRules().configRules()).hasSize(2);
    assertAwsError(
        () -> reader.startConfigRulesEvaluation(r -> r.configRuleNames("rotation")),
        "AccessDeniedException");
  }
}
