package dev.coffer.rotation.builtin;

import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.ResourceNotFoundException;
import dev.coffer.secrets.SecretArns;
import dev.coffer.secrets.SecretPayload;
import dev.coffer.secrets.SecretValueView;
import dev.coffer.secrets.SecretsService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a built-in rotator does with secrets, through the ordinary service layer, as the named
 * principal {@code coffer-service/rotation} of the secret's account: the same calls a Lambda
 * rotation function makes with its SDK client (GetSecretValue, PutSecretValue, DescribeSecret,
 * UpdateSecretVersionStage).
 */
final class SecretAccess {
  private final SecretsService secrets;
  private final Clock clock;

  SecretAccess(SecretsService secrets, Clock clock) {
    this.secrets = secrets;
    this.clock = clock;
  }

  private RequestContext context(String secretArn) {
    SecretArns.Parsed arn =
        SecretArns.parse(secretArn)
            .orElseThrow(() -> new StepFailure("not a secret ARN: " + secretArn));
    return new RequestContext(
        "rotation-" + UUID.randomUUID(),
        clock.instant(),
        Caller.service(arn.accountId(), "rotation"),
        arn.region(),
        "127.0.0.1",
        "coffer-builtin-rotation",
        true,
        Optional.empty());
  }

  /** The string value of the version with {@code stage}. */
  String value(String secretArn, String stage) {
    return string(
        secrets.getValue(context(secretArn), secretArn, Optional.empty(), Optional.of(stage)));
  }

  /** The value of version {@code versionId} if it has one (a rotation's placeholder has none). */
  Optional<String> valueOf(String secretArn, String versionId) {
    try {
      return Optional.of(
          string(
              secrets.getValue(
                  context(secretArn), secretArn, Optional.of(versionId), Optional.empty())));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The value of the version with {@code stage}, if some version has it and a value. */
  Optional<String> valueIfAny(String secretArn, String stage) {
    try {
      return Optional.of(value(secretArn, stage));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** PutSecretValue with the rotation's token and AWSPENDING, filling the placeholder. */
  void putPending(String secretArn, String token, String value) {
    secrets.putValue(
        context(secretArn),
        new SecretsService.PutRequest(
            secretArn,
            Optional.of(token),
            SecretPayload.ofString(value),
            Optional.of(List.of("AWSPENDING"))));
  }

  /** Moves AWSCURRENT to {@code token} unless it is there already (AWSPREVIOUS follows). */
  void makeCurrent(String secretArn, String token) {
    RequestContext ctx = context(secretArn);
    Map<String, List<String>> stages = secrets.describe(ctx, secretArn).versionIdsToStages();
    Optional<String> current =
        stages.entrySet().stream()
            .filter(e -> e.getValue().contains("AWSCURRENT"))
            .map(Map.Entry::getKey)
            .findFirst();
    if (current.equals(Optional.of(token))) {
      return;
    }
    secrets.updateVersionStage(ctx, secretArn, "AWSCURRENT", current, Optional.of(token));
  }

  private static String string(SecretValueView v) {
    if (v.payload().isBinary()) {
      throw new StepFailure("a built-in rotator needs a SecretString, not a SecretBinary");
    }
    return v.payload().string();
  }
}
