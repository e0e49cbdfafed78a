package dev.coffer.rotation;

import static dev.coffer.rotation.TestRotationFunction.ARN_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CancelRotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * RotateSecret and CancelRotateSecret through the AWS SDK for Java v2, with rotation functions
 * served over the Lambda Invoke API by {@link TestRotationFunction}. Rotation is asynchronous, so
 * tests wait (bounded) for its visible effects; they never assert how long it took.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RotationContract {
  static final String ROTATOR = ARN_PREFIX + "rotator";
  static final String FAILING = ARN_PREFIX + "failing";
  static final String BLOCKING = ARN_PREFIX + "blocking";
  static final String NO_OP = ARN_PREFIX + "no-op";
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final String INCOMPLETE =
      "A previous rotation isn't complete. That rotation will be reattempted.";

  TestRotationFunction function;
  TestServer server;
  SecretsManagerClient sm;

  abstract Backend backend();

  @BeforeAll
  void start() throws IOException {
    function = TestRotationFunction.start();
    RotationSettings settings =
        new RotationSettings(
            List.of(
                new RotationSettings.FunctionRoute(
                    ARN_PREFIX + "*", function.endpoint(), Optional.empty())),
            Duration.ofSeconds(30));
    server = TestServer.start(backend(), Clock.systemUTC(), settings);
    sm = server.secretsManager();
    function.connect(server.secretsManager());
  }

  @AfterAll
  void stop() {
    function.close();
    sm.close();
    server.close();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Waits, at most {@link #PATIENCE}, for {@code condition}; fails the test if it never holds. */
  static void await(String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what, e);
      }
    }
  }

  DescribeSecretResponse describe(String name) {
    return sm.describeSecret(b -> b.secretId(name));
  }

  /** Waits until the rotation to {@code versionId} has succeeded and been recorded. */
  DescribeSecretResponse awaitRotated(String name, String versionId) {
    await(
        "version " + versionId + " is AWSCURRENT and LastRotatedDate is set",
        () -> {
          DescribeSecretResponse d = describe(name);
          return d.versionIdsToStages().getOrDefault(versionId, List.of()).contains("AWSCURRENT")
              && d.lastRotatedDate() != null;
        });
    return describe(name);
  }

  @Test
  void rotateSecret_withRotationFunction_makesNewVersionCurrent() {
    String name = unique("rotate");
    CreateSecretResponse created = sm.createSecret(b -> b.name(name).secretString("first"));
    RotateSecretResponse r =
        sm.rotateSecret(b ->
            b.secretId(name)
                .rotationLambdaARN(ROTATOR)
                .rotationRules(rr -> rr.automaticallyAfterDays(30L)));
    assertThat(r.arn()).isEqualTo(created.arn());
    assertThat(r.name()).isEqualTo(name);
    assertThat(r.versionId()).isNotBlank().isNotEqualTo(created.versionId());

    DescribeSecretResponse d = awaitRotated(name, r.versionId());
    assertThat(d.versionIdsToStages().get(created.versionId())).containsExactly("AWSPREVIOUS");
    assertThat(d.versionIdsToStages().get(r.versionId())).contains("AWSCURRENT");
    assertThat(d.rotationEnabled()).isTrue();
    assertThat(d.rotationLambdaARN()).isEqualTo(ROTATOR);
    assertThat(d.rotationRules().automaticallyAfterDays()).isEqualTo(30L);
    assertThat(d.nextRotationDate()).isAfter(d.lastRotatedDate());
    var value = sm.getSecretValue(b -> b.secretId(name));
    assertThat(value.versionId()).isEqualTo(r.versionId());
    assertThat(value.secretString()).startsWith("rotated-").isNotEqualTo("first");

    var calls = function.invocations(r.versionId());
    assertThat(calls)
        .extracting(TestRotationFunction.Invocation::step)
        .containsExactly("createSecret", "setSecret", "testSecret", "finishSecret");
    assertThat(calls).allSatisfy(c -> assertThat(c.secretId()).isEqualTo(created.arn()));
    assertThat(calls.get(0).rotationToken()).matches("[a-zA-Z0-9-]{36,256}");
    assertThat(calls)
        .extracting(TestRotationFunction.Invocation::rotationToken)
        .containsOnly(calls.get(0).rotationToken());
  }

  @Test
  void rotateSecret_withoutParameters_rotatesAgainWithStoredConfiguration() {
    String name = unique("again");
    sm.createSecret(b -> b.name(name).secretString("first"));
    String first =
        sm.rotateSecret(b ->
                b.secretId(name)
                    .rotationLambdaARN(ROTATOR)
                    .rotationRules(rr -> rr.scheduleExpression("rate(10 days)")))
            .versionId();
    awaitRotated(name, first);
    String second = sm.rotateSecret(b -> b.secretId(name)).versionId();

    DescribeSecretResponse d = awaitRotated(name, second);
    assertThat(d.versionIdsToStages().get(first)).contains("AWSPREVIOUS");
    assertThat(d.rotationRules().scheduleExpression()).isEqualTo("rate(10 days)");
    assertThat(d.rotationRules().automaticallyAfterDays()).isEqualTo(10L);
  }

  @Test
  void rotateSecret_stepFails_leavesPendingAndRefusesAnotherRotation() {
    String name = unique("failing");
    CreateSecretResponse created = sm.createSecret(b -> b.name(name).secretString("first"));
    RotateSecretRequest request =
        RotateSecretRequest.builder()
            .secretId(name)
            .clientRequestToken(UUID.randomUUID().toString())
            .rotationLambdaARN(FAILING)
            .rotationRules(rr -> rr.automaticallyAfterDays(30L))
            .build();
    String token = sm.rotateSecret(request).versionId();
    await("setSecret was invoked", () -> function.steps(token).contains("setSecret"));

    assertThatThrownBy(() -> sm.rotateSecret(b -> b.secretId(name)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(INCOMPLETE);
    DescribeSecretResponse d = describe(name);
    assertThat(d.versionIdsToStages().get(token)).containsExactly("AWSPENDING");
    assertThat(d.versionIdsToStages().get(created.versionId())).containsExactly("AWSCURRENT");
    assertThat(d.lastRotatedDate()).isNull();

    // A retry with the same token resumes that rotation; the failed run never went past setSecret.
    assertThat(sm.rotateSecret(request).versionId()).isEqualTo(token);
    await("the retry reached setSecret", () -> function.steps(token).size() >= 4);
    assertThat(function.steps(token))
        .containsExactly("createSecret", "setSecret", "createSecret", "setSecret");
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("first");
  }

  @Test
  void rotateSecret_rotateImmediatelyFalse_runsOnlyTestSecretAndRemovesPendingVersion() {
    String name = unique("test-only");
    CreateSecretResponse created = sm.createSecret(b -> b.name(name).secretString("first"));
    String token =
        sm.rotateSecret(b ->
                b.secretId(name)
                    .rotationLambdaARN(NO_OP)
                    .rotateImmediately(false)
                    .rotationRules(rr -> rr.scheduleExpression("cron(0 4 * * ? *)").duration("2h")))
            .versionId();
    await(
        "testSecret ran and AWSPENDING is gone",
        () ->
            function.steps(token).contains("testSecret")
                && !describe(name).versionIdsToStages().containsKey(token));

    assertThat(function.steps(token)).containsExactly("testSecret");
    DescribeSecretResponse d = describe(name);
    assertThat(d.versionIdsToStages()).containsOnlyKeys(created.versionId());
    assertThat(d.rotationEnabled()).isTrue();
    assertThat(d.rotationRules().scheduleExpression()).isEqualTo("cron(0 4 * * ? *)");
    assertThat(d.rotationRules().duration()).isEqualTo("2h");
    assertThat(d.rotationRules().automaticallyAfterDays()).isNull();
    assertThat(d.nextRotationDate()).isNotNull();
    assertThat(d.lastRotatedDate()).isNull();
    var versions =
        sm.listSecretVersionIds(b -> b.secretId(name).includeDeprecated(true)).versions();
    assertThat(versions).extracting(SecretVersionsListEntry::versionId).doesNotContain(token);
    assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo("first");
  }

  @Test
  void rotateSecret_sameTokenTwice_createsOneVersion() {
    String name = unique("idem");
    sm.createSecret(b -> b.name(name).secretString("first"));
    RotateSecretRequest request =
        RotateSecretRequest.builder()
            .secretId(name)
            .clientRequestToken(UUID.randomUUID().toString())
            .rotationLambdaARN(NO_OP)
            .build();
    String token = sm.rotateSecret(request).versionId();
    assertThat(sm.rotateSecret(request).versionId()).isEqualTo(token);
    assertThat(request.clientRequestToken()).isEqualTo(token);
    var versions =
        sm.listSecretVersionIds(b -> b.secretId(name).includeDeprecated(true)).versions();
    assertThat(versions).hasSize(2);
    // A function that never moves AWSCURRENT leaves the rotation unfinished.
    await("finishSecret was invoked", () -> function.steps(token).contains("finishSecret"));
    assertThat(describe(name).versionIdsToStages().get(token)).containsExactly("AWSPENDING");
  }

  @Test
  void rotateSecret_rulesWithBothKinds_isInvalidParameter() {
    String name = unique("both");
    sm.createSecret(b -> b.name(name).secretString("v"));
    assertThatThrownBy(() ->
            sm.rotateSecret(b ->
                b.secretId(name)
                    .rotationLambdaARN(ROTATOR)
                    .rotationRules(
                        rr -> rr.automaticallyAfterDays(7L).scheduleExpression("rate(7 days)"))))
        .isInstanceOf(InvalidParameterException.class);
    assertNotConfigured(name);
  }

  @Test
  void rotateSecret_daysOutOfRange_isInvalidParameter() {
    String name = unique("days");
    sm.createSecret(b -> b.name(name).secretString("v"));
    assertThatThrownBy(() ->
            sm.rotateSecret(b ->
                b.secretId(name)
                    .rotationLambdaARN(ROTATOR)
                    .rotationRules(rr -> rr.automaticallyAfterDays(1001L))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("RotationRules.AutomaticallyAfterDays must be within 1-1000.");
    assertNotConfigured(name);
  }

  @Test
  void rotateSecret_badCronExpression_isInvalidParameter() {
    String name = unique("cron");
    sm.createSecret(b -> b.name(name).secretString("v"));
    assertThatThrownBy(() ->
            sm.rotateSecret(b ->
                b.secretId(name)
                    .rotationLambdaARN(ROTATOR)
                    .rotationRules(rr -> rr.scheduleExpression("cron(30 4 * * ? *)"))))
        .isInstanceOf(InvalidParameterException.class);
    assertNotConfigured(name);
  }

  @Test
  void rotateSecret_badDuration_isInvalidParameter() {
    String name = unique("duration");
    sm.createSecret(b -> b.name(name).secretString("v"));
    for (String duration : List.of("3x", "25h")) {
      assertThatThrownBy(() ->
              sm.rotateSecret(b ->
                  b.secretId(name)
                      .rotationLambdaARN(ROTATOR)
                      .rotationRules(
                          rr -> rr.scheduleExpression("rate(1 day)").duration(duration))))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("Duration");
    }
    assertNotConfigured(name);
  }

  @Test
  void rotateSecret_noLambdaArn_isInvalidRequest() {
    String name = unique("no-function");
    sm.createSecret(b -> b.name(name).secretString("v"));
    assertThatThrownBy(() ->
            sm.rotateSecret(
                b -> b.secretId(name).rotationRules(rr -> rr.automaticallyAfterDays(30L))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("No Lambda rotation function ARN is associated with this secret.");
    assertNotConfigured(name);
  }

  @Test
  void rotateSecret_functionWithoutEndpoint_isAccessDenied() {
    String name = unique("unreachable");
    sm.createSecret(b -> b.name(name).secretString("v"));
    assertThatThrownBy(() ->
            sm.rotateSecret(b ->
                b.secretId(name)
                    .rotationLambdaARN("arn:aws:lambda:eu-west-1:111111111111:function:elsewhere")))
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"))
        .hasMessageContaining("cannot invoke the specified Lambda function");
    assertNotConfigured(name);
  }

  @Test
  void rotateSecret_unknownSecret_isResourceNotFound() {
    assertThatThrownBy(
            () -> sm.rotateSecret(b -> b.secretId(unique("missing")).rotationLambdaARN(ROTATOR)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void rotateSecret_markedForDeletion_isInvalidRequest() {
    String name = unique("deleted");
    sm.createSecret(b -> b.name(name).secretString("v"));
    sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
    assertThatThrownBy(() -> sm.rotateSecret(b -> b.secretId(name).rotationLambdaARN(ROTATOR)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("marked for deletion");
    assertThatThrownBy(() -> sm.cancelRotateSecret(b -> b.secretId(name)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("marked for deletion");
  }

  @Test
  void cancelRotateSecret_duringRotation_returnsPendingVersionAndStopsIt() throws Exception {
    String name = unique("cancel");
    CreateSecretResponse created = sm.createSecret(b -> b.name(name).secretString("first"));
    String token =
        sm.rotateSecret(b ->
                b.secretId(name)
                    .rotationLambdaARN(BLOCKING)
                    .rotationRules(rr -> rr.automaticallyAfterDays(7L)))
            .versionId();
    assertThat(function.awaitBlocked()).isTrue();

    CancelRotateSecretResponse c = sm.cancelRotateSecret(b -> b.secretId(name));
    assertThat(c.arn()).isEqualTo(created.arn());
    assertThat(c.name()).isEqualTo(name);
    assertThat(c.versionId()).isEqualTo(token);
    function.release();

    DescribeSecretResponse d = describe(name);
    assertThat(d.rotationEnabled()).isFalse();
    assertThat(d.rotationRules().automaticallyAfterDays()).isEqualTo(7L);
    assertThat(d.nextRotationDate()).isNull();
    assertThat(d.versionIdsToStages().get(token)).containsExactly("AWSPENDING");
    assertThat(d.versionIdsToStages().get(created.versionId())).containsExactly("AWSCURRENT");
    assertThatThrownBy(() -> sm.rotateSecret(b -> b.secretId(name)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(INCOMPLETE);
    assertThat(function.steps(token)).containsExactly("createSecret", "setSecret");

    // Deleting a secret with a rotation history works.
    sm.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
    assertThatThrownBy(() -> describe(name)).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void cancelRotateSecret_afterRotation_turnsRotationOffAndKeepsRules() {
    String name = unique("cancel-after");
    sm.createSecret(b -> b.name(name).secretString("first"));
    String token =
        sm.rotateSecret(b ->
                b.secretId(name)
                    .rotationLambdaARN(ROTATOR)
                    .rotationRules(rr -> rr.scheduleExpression("cron(0 2 ? * MON *)")))
            .versionId();
    awaitRotated(name, token);

    CancelRotateSecretResponse c = sm.cancelRotateSecret(b -> b.secretId(name));
    assertThat(c.versionId()).isNull();
    DescribeSecretResponse d = describe(name);
    assertThat(d.rotationEnabled()).isFalse();
    assertThat(d.rotationLambdaARN()).isEqualTo(ROTATOR);
    assertThat(d.rotationRules().scheduleExpression()).isEqualTo("cron(0 2 ? * MON *)");
    assertThat(d.nextRotationDate()).isNull();
    assertThat(d.lastRotatedDate()).isNull();
  }

  @Test
  void cancelRotateSecret_unknownSecret_isResourceNotFound() {
    assertThatThrownBy(() -> sm.cancelRotateSecret(b -> b.secretId(unique("missing"))))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  private void assertNotConfigured(String name) {
    DescribeSecretResponse d = describe(name);
    assertThat(d.rotationEnabled()).isNull();
    assertThat(d.rotationRules()).isNull();
    assertThat(d.versionIdsToStages()).hasSize(1);
  }
}
