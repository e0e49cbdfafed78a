package dev.coffer.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.testing.Backend;
import dev.coffer.testing.SignedJsonClient;
import dev.coffer.testing.TestPrincipal;
import dev.coffer.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Access control on Secrets Manager calls through the AWS SDK for Java v2, on each backend:
 * identity policies of non-root users (tag- and stage-based), explicit deny, resource policies,
 * denial wording, and that a denied call changes nothing and is audited as AccessDenied
 * (compliance-and-iam.md §4.6, §4.7).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessControlContract {
  static final String ACCOUNT = TestServer.ACCOUNT;

  TestServer server;
  SecretsManagerClient root;

  abstract Backend backend();

  @BeforeAll
  void startServer() {
    server = TestServer.start(backend());
    root = server.secretsManager();
  }

  @AfterAll
  void stopServer() {
    root.close();
    server.close();
  }

  static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String policy(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  static String errorCode(Throwable e) {
    return ((SecretsManagerException) e).awsErrorDetails().errorCode();
  }

  static int status(Throwable e) {
    return ((SecretsManagerException) e).statusCode();
  }

  static String message(Throwable e) {
    return ((SecretsManagerException) e).awsErrorDetails().errorMessage();
  }

  TestPrincipal user(String... statements) {
    return server.addUser(ACCOUNT, name("user"), List.of(policy(statements)), Map.of());
  }

  @Test
  void getSecretValue_userWithoutPolicies_accessDeniedInAwsWords() {
    String secret = name("plain");
    String arn = root.createSecret(b -> b.name(secret).secretString("v")).arn();
    TestPrincipal nobody = server.addUser(ACCOUNT, name("nobody"), List.of(), Map.of());
    try (SecretsManagerClient sm = nobody.secretsManager()) {
      assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(secret)))
          .satisfies(e -> {
            assertThat(errorCode(e)).isEqualTo("AccessDeniedException");
            assertThat(status(e)).isEqualTo(400);
            assertThat(message(e))
                .isEqualTo(
                    "User: "
                        + nobody.arn()
                        + " is not authorized to perform: secretsmanager:GetSecretValue on"
                        + " resource: "
                        + arn
                        + " because no identity-based policy allows the"
                        + " secretsmanager:GetSecretValue action");
          });
    }
  }

  @Test
  void getSecretValue_userLimitedToTeamBlue_readsBlueAndIsDeniedTheRest() {
    String blue = name("blue");
    String red = name("red");
    String untagged = name("untagged");
    root.createSecret(b -> b.name(blue).secretString("blue-value").tags(tag("team", "blue")));
    root.createSecret(b -> b.name(red).secretString("red-value").tags(tag("team", "red")));
    root.createSecret(b -> b.name(untagged).secretString("x"));
    TestPrincipal alice =
        user(
            """
            {"Effect":"Allow","Action":["secretsmanager:GetSecretValue",\
            "secretsmanager:DescribeSecret"],"Resource":"*",\
            "Condition":{"StringEquals":{"secretsmanager:ResourceTag/team":"blue"}}}\
            """);
    try (SecretsManagerClient sm = alice.secretsManager()) {
      assertThat(sm.getSecretValue(b -> b.secretId(blue)).secretString()).isEqualTo("blue-value");
      assertThat(sm.describeSecret(b -> b.secretId(blue)).name()).isEqualTo(blue);
      for (String other : List.of(red, untagged)) {
        assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(other)))
            .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
      }
      // Not granted at all, even on the blue secret.
      assertThatThrownBy(() -> sm.putSecretValue(b -> b.secretId(blue).secretString("new")))
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
    }
  }

  @Test
  void getSecretValue_awsResourceTagKey_selectsLikeTheServiceKey() {
    String blue = name("blue");
    root.createSecret(b -> b.name(blue).secretString("b").tags(tag("team", "blue")));
    TestPrincipal bob =
        user(
            """
            {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*",\
            "Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}\
            """);
    // Bob has no team tag: the variable resolves to nothing and the condition fails.
    try (SecretsManagerClient sm = bob.secretsManager()) {
      assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(blue)))
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
    }
    TestPrincipal carol =
        server.addUser(
            ACCOUNT,
            name("carol"),
            List.of(
                policy(
                    """
                    {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*",\
                    "Condition":{"StringEquals":\
                    {"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}\
                    """)),
            Map.of("team", "blue"));
    try (SecretsManagerClient sm = carol.secretsManager()) {
      assertThat(sm.getSecretValue(b -> b.secretId(blue)).secretString()).isEqualTo("b");
    }
  }

  @Test
  void getSecretValue_policyAllowsOnlyAwsCurrent_readsOnlyThatStage() {
    String secret = name("staged");
    root.createSecret(b -> b.name(secret).secretString("one"));
    root.putSecretValue(b -> b.secretId(secret).secretString("two"));
    TestPrincipal reader =
        user(
            """
            {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*",\
            "Condition":{"StringEquals":{"secretsmanager:VersionStage":"AWSCURRENT"}}}\
            """);
    try (SecretsManagerClient sm = reader.secretsManager()) {
      assertThat(
              sm.getSecretValue(b -> b.secretId(secret).versionStage("AWSCURRENT")).secretString())
          .isEqualTo("two");
      assertThatThrownBy(
              () -> sm.getSecretValue(b -> b.secretId(secret).versionStage("AWSPREVIOUS")))
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
      // The key is taken from the request only: without VersionStage it is absent, so a plain
      // StringEquals does not match (AWS User Guide: use ...IfExists for optional keys).
      assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(secret)))
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
    }
  }

  @Test
  void explicitDeny_overridesAllow_withDenyWording() {
    String secret = name("denied");
    String arn = root.createSecret(b -> b.name(secret).secretString("v")).arn();
    TestPrincipal dan =
        user(
            """
            {"Effect":"Allow","Action":"secretsmanager:*","Resource":"*"}\
            """,
            """
            {"Effect":"Deny","Action":"secretsmanager:GetSecretValue","Resource":"%s"}\
            """
                .formatted(arn));
    try (SecretsManagerClient sm = dan.secretsManager()) {
      assertThat(sm.describeSecret(b -> b.secretId(secret)).arn()).isEqualTo(arn);
      assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(secret)))
          .satisfies(e ->
              assertThat(message(e))
                  .isEqualTo(
                      "User: "
                          + dan.arn()
                          + " is not authorized to perform: secretsmanager:GetSecretValue on"
                          + " resource: "
                          + arn
                          + " with an explicit deny in a identity-based policy"));
    }
  }

  @Test
  void missingSecret_callerWithoutAccess_accessDeniedNotNotFound() {
    TestPrincipal nobody = server.addUser(ACCOUNT, name("nobody"), List.of(), Map.of());
    String missing = name("missing");
    try (SecretsManagerClient sm = nobody.secretsManager()) {
      assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(missing)))
          .satisfies(e -> {
            assertThat(errorCode(e)).isEqualTo("AccessDeniedException");
            assertThat(message(e))
                .contains("resource: arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:");
          });
    }
    TestPrincipal reader =
        user(
            """
            {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}\
            """);
    try (SecretsManagerClient sm = reader.secretsManager()) {
      assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(missing)))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void deniedWrite_changesNothing_andIsAuditedAsAccessDenied() {
    String secret = name("guarded");
    root.createSecret(b -> b.name(secret).secretString("original").tags(tag("k", "v")));
    TestPrincipal reader =
        user(
            """
            {"Effect":"Allow","Action":["secretsmanager:GetSecretValue",\
            "secretsmanager:DescribeSecret"],"Resource":"*"}\
            """);
    try (SecretsManagerClient sm = reader.secretsManager()) {
      List<Runnable> writes =
          List.of(
              () -> sm.putSecretValue(b -> b.secretId(secret).secretString("changed")),
              () -> sm.updateSecret(b -> b.secretId(secret).description("changed")),
              () -> sm.tagResource(b -> b.secretId(secret).tags(tag("x", "y"))),
              () -> sm.untagResource(b -> b.secretId(secret).tagKeys("k")),
              () -> sm.deleteSecret(b -> b.secretId(secret)),
              () -> sm.putResourcePolicy(b -> b.secretId(secret).resourcePolicy(allowAll())),
              () -> sm.createSecret(b -> b.name(name("new")).secretString("v")));
      for (Runnable w : writes) {
        assertThatThrownBy(w::run)
            .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
      }
      var d = root.describeSecret(b -> b.secretId(secret));
      assertThat(d.description()).isNull();
      assertThat(d.deletedDate()).isNull();
      assertThat(d.tags()).containsExactly(tag("k", "v"));
      assertThat(d.versionIdsToStages()).hasSize(1);
      assertThat(root.getResourcePolicy(b -> b.secretId(secret)).resourcePolicy()).isNull();
      assertThat(root.getSecretValue(b -> b.secretId(secret)).secretString()).isEqualTo("original");
    }
    List<StoredAuditEvent> events = server.server().audit().reader().latest(200);
    assertThat(events)
        .filteredOn(e -> e.eventName().equals("PutSecretValue") && e.body().contains(reader.arn()))
        .singleElement()
        .satisfies(e -> assertThat(e.body()).contains("\"errorCode\":\"AccessDenied\""));
  }

  @Test
  void batchGetSecretValue_deniedSecretsBecomeErrors() {
    String blue = name("blue");
    String red = name("red");
    root.createSecret(b -> b.name(blue).secretString("b").tags(tag("team", "blue")));
    root.createSecret(b -> b.name(red).secretString("r").tags(tag("team", "red")));
    TestPrincipal alice =
        user(
            """
            {"Effect":"Allow","Action":"secretsmanager:BatchGetSecretValue","Resource":"*"}\
            """,
            """
            {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*",\
            "Condition":{"StringEquals":{"aws:ResourceTag/team":"blue"}}}\
            """);
    try (SecretsManagerClient sm = alice.secretsManager()) {
      BatchGetSecretValueResponse r = sm.batchGetSecretValue(b -> b.secretIdList(blue, red));
      assertThat(r.secretValues())
          .singleElement()
          .satisfies(v -> assertThat(v.name()).isEqualTo(blue));
      assertThat(r.errors())
          .singleElement()
          .satisfies(e -> {
            assertThat(e.secretId()).isEqualTo(red);
            assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
          });
      // Filters also need ListSecrets.
      assertThatThrownBy(
              () -> sm.batchGetSecretValue(b -> b.filters(f -> f.key("name").values(blue))))
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
    }
    TestPrincipal nobody =
        user(
            """
            {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}\
            """);
    try (SecretsManagerClient sm = nobody.secretsManager()) {
      assertThatThrownBy(() -> sm.batchGetSecretValue(b -> b.secretIdList(blue)))
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
    }
  }

  @Test
  void listSecretsAndRandomPassword_needResourceStar() {
    TestPrincipal lister =
        user(
            """
            {"Effect":"Allow","Action":["secretsmanager:ListSecrets",\
            "secretsmanager:GetRandomPassword"],"Resource":"*"}\
            """);
    try (SecretsManagerClient sm = lister.secretsManager()) {
      assertThat(sm.listSecrets().secretList()).isNotNull();
      assertThat(sm.getRandomPassword().randomPassword()).isNotEmpty();
    }
    TestPrincipal nobody = server.addUser(ACCOUNT, name("nobody"), List.of(), Map.of());
    try (SecretsManagerClient sm = nobody.secretsManager()) {
      assertThatThrownBy(sm::listSecrets)
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
      assertThatThrownBy(sm::getRandomPassword)
          .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
    }
  }

  @Test
  void createSecret_conditionsOnNameAndRequestTags() {
    TestPrincipal creator =
        user(
            """
            {"Effect":"Allow","Action":["secretsmanager:CreateSecret",\
            "secretsmanager:TagResource"],"Resource":"*",\
            "Condition":{"StringLike":{"secretsmanager:Name":"team-a/*"},\
            "StringEquals":{"aws:RequestTag/team":"a"},\
            "ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}}\
            """);
    try (SecretsManagerClient sm = creator.secretsManager()) {
      String ok = "team-a/" + name("s");
      assertThat(sm.createSecret(b -> b.name(ok).secretString("v").tags(tag("team", "a"))).name())
          .isEqualTo(ok);
      // Wrong name, wrong tag value, an extra tag key, no tags.
      List<Runnable> refused =
          List.of(
              () -> sm.createSecret(b -> b.name(name("other")).tags(tag("team", "a"))),
              () -> sm.createSecret(b -> b.name("team-a/" + name("s")).tags(tag("team", "b"))),
              () ->
                  sm.createSecret(
                      b -> b.name("team-a/" + name("s")).tags(tag("team", "a"), tag("x", "y"))),
              () -> sm.createSecret(b -> b.name("team-a/" + name("s"))));
      for (Runnable r : refused) {
        assertThatThrownBy(r::run)
            .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
      }
    }
  }

  @Test
  void resourcePolicy_sameAccountAllowSuffices_andItsDenyBindsRoot() {
    String secret = name("shared");
    String arn = root.createSecret(b -> b.name(secret).secretString("v")).arn();
    TestPrincipal erin = server.addUser(ACCOUNT, name("erin"), List.of(), Map.of());
    root.putResourcePolicy(b ->
        b.secretId(secret)
            .resourcePolicy(
                policy(
                    """
                    {"Effect":"Allow","Principal":{"AWS":"%s"},\
                    "Action":"secretsmanager:GetSecretValue","Resource":"*"}\
                    """
                        .formatted(erin.arn()),
                    """
                    {"Effect":"Deny","Principal":{"AWS":"*"},\
                    "Action":"secretsmanager:UpdateSecret","Resource":"*"}\
                    """)));
    try (SecretsManagerClient sm = erin.secretsManager()) {
      assertThat(sm.getSecretValue(b -> b.secretId(arn)).secretString()).isEqualTo("v");
    }
    assertThatThrownBy(() -> root.updateSecret(b -> b.secretId(secret).description("d")))
        .satisfies(e ->
            assertThat(message(e)).endsWith("with an explicit deny in a resource-based policy"));
  }

  @Test
  void crossAccount_needsIdentityPolicyAndResourcePolicy() {
    String other = "210987654321";
    String secret = name("xacct");
    String arn = root.createSecret(b -> b.name(secret).secretString("shared-value")).arn();
    TestPrincipal withPolicy =
        server.addUser(
            other,
            name("frank"),
            List.of(
                policy(
                    """
                    {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"%s"}\
                    """
                        .formatted(arn))),
            Map.of());
    TestPrincipal without = server.addUser(other, name("gina"), List.of(), Map.of());
    // No resource policy yet: the identity policy alone is not enough.
    try (SecretsManagerClient sm = withPolicy.secretsManager()) {
      assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(arn)))
          .satisfies(e ->
              assertThat(message(e))
                  .endsWith(
                      "because no resource-based policy allows the"
                          + " secretsmanager:GetSecretValue action"));
    }
    root.putResourcePolicy(b ->
        b.secretId(secret)
            .resourcePolicy(
                policy(
                    """
                    {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},\
                    "Action":"secretsmanager:GetSecretValue","Resource":"*"}\
                    """
                        .formatted(other))));
    // The resource policy names the other account: its users still need their own allow. (The
    // value itself is encrypted under the account's default key, which KMS keeps to its account;
    // KmsAccessContract covers the key side.)
    try (SecretsManagerClient sm = without.secretsManager()) {
      assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(arn)))
          .satisfies(e ->
              assertThat(message(e))
                  .endsWith(
                      "because no identity-based policy allows the"
                          + " secretsmanager:GetSecretValue action"));
    }
  }

  @Test
  void lookupEvents_governedByCloudTrailPolicy() {
    String target = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    TestPrincipal auditor =
        user(
            """
            {"Effect":"Allow","Action":"cloudtrail:LookupEvents","Resource":"*"}\
            """);
    SignedJsonClient.Answer ok = auditor.signedJson("cloudtrail").call(target, "{}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().has("Events")).isTrue();
    TestPrincipal nobody = server.addUser(ACCOUNT, name("nobody"), List.of(), Map.of());
    SignedJsonClient.Answer denied = nobody.signedJson("cloudtrail").call(target, "{}");
    assertThat(denied.status()).isEqualTo(400);
    assertThat(denied.body().path("__type").asText()).endsWith("AccessDeniedException");
    assertThat(denied.body().toString())
        .contains(
            "is not authorized to perform: cloudtrail:LookupEvents on resource: * because no"
                + " identity-based policy allows the cloudtrail:LookupEvents action");
  }

  static String allowAll() {
    return policy(
        """
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},\
        "Action":"secretsmanager:*","Resource":"*"}\
        """);
  }

  static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
