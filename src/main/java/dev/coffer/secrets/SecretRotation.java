package dev.coffer.secrets;

import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.core.error.InvalidRequestException;
import dev.coffer.secrets.schedule.RotationSchedule;
import dev.coffer.store.SecretRecord;
import dev.coffer.store.Tx;
import dev.coffer.store.ValueType;
import dev.coffer.store.VersionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * RotateSecret and CancelRotateSecret (API reference; user guide, "How rotation works").
 * RotateSecret stores the configuration, creates the AWSPENDING placeholder version whose id is the
 * ClientRequestToken, and hands the run to a {@link RotationLauncher}; the rotation function then
 * fills the placeholder and moves AWSCURRENT through the ordinary API. Runs report back through
 * {@link RotationTracker}.
 */
public final class SecretRotation {
  private final SecretsService secrets;
  private final RotationLauncher launcher;

  public SecretRotation(SecretsService secrets, RotationLauncher launcher) {
    this.secrets = secrets;
    this.launcher = launcher;
  }

  /** The members of RotationRulesType as given; validated by {@link RotationSchedule#parse}. */
  public record RulesInput(
      Optional<Long> automaticallyAfterDays,
      Optional<String> scheduleExpression,
      Optional<String> duration) {
    RotationSchedule parse() {
      return RotationSchedule.parse(
          automaticallyAfterDays.orElse(null),
          scheduleExpression.orElse(null),
          duration.orElse(null));
    }
  }

  /** What RotateSecret asks for. */
  public record RotateRequest(
      String secretId,
      Optional<String> clientRequestToken,
      Optional<String> rotationLambdaArn,
      Optional<RulesInput> rules,
      boolean rotateImmediately) {}

  /** What RotateSecret and CancelRotateSecret answer. */
  public record Result(String arn, String name, Optional<String> versionId) {}

  public Result rotate(RequestContext ctx, RotateRequest req) {
    Optional<RotationSchedule> rules = req.rules().map(RulesInput::parse);
    record Started(Result result, Optional<RotationJob> job) {}
    Started started =
        secrets
            .store()
            .write(tx -> {
              // §4.7: RotateImmediately defaults to true when omitted; ModifyRotationRules is
              // whether the request carries RotationRules.
              SecretAccess.Check check =
                  SecretAccess.Check.of("RotateSecret")
                      .with(SecretAccess.PREFIX + "RotationLambdaARN", req.rotationLambdaArn())
                      .with(SecretAccess.PREFIX + "RotateImmediately", req.rotateImmediately())
                      .with(SecretAccess.PREFIX + "ModifyRotationRules", req.rules().isPresent());
              SecretRecord s =
                  SecretsService.writable(secrets.resolve(tx, ctx, req.secretId(), true, check));
              String function = functionOf(s, req.rotationLambdaArn());
              String token = req.clientRequestToken().orElseGet(SecretsService::newVersionId);
              Optional<String> pending = StagingLabels.holder(s.stages(), StagingLabels.PENDING);
              boolean inProgress =
                  pending.isPresent()
                      && !pending.equals(StagingLabels.holder(s.stages(), StagingLabels.CURRENT));
              if (inProgress && !pending.get().equals(token)) {
                // API reference, RotateSecret: an AWSPENDING label on another version than
                // AWSCURRENT means a rotation is still in progress.
                throw new InvalidRequestException(
                    "A previous rotation isn't complete. That rotation will be reattempted.");
              }
              Instant now = secrets.clock().instant();
              Optional<RotationSchedule> schedule =
                  rules.or(() -> s.rotationRules().map(RotationRulesJson::read));
              SecretRecord.Builder b =
                  s.toBuilder()
                      .rotationEnabled(true)
                      .rotationLambdaArn(function)
                      .nextRotationAt(
                          schedule.map(sc ->
                              RotationTracker.nextRotationDate(
                                  sc, RotationTracker.lastRotation(s), now)))
                      .lastChangedAt(now);
              rules.ifPresent(r -> b.rotationRules(RotationRulesJson.write(r)));
              // A token that already names a version is a retry of an earlier call: it never
              // creates a second version, and it resumes the rotation only if that one is
              // unfinished.
              boolean retry = SecretsService.version(tx, s, token).isPresent();
              SecretRecord saved = retry ? b.build() : withPlaceholder(tx, b.build(), token, now);
              secrets.replication().propagate(tx, tx.secrets().update(saved));
              Result result = new Result(s.arn(), s.name(), Optional.of(token));
              if (retry && !inProgress) {
                return new Started(result, Optional.empty());
              }
              RotationJob job =
                  new RotationJob(
                      s.arn(),
                      function,
                      token,
                      req.rotateImmediately() ? RotationJob.Mode.ROTATE : RotationJob.Mode.TEST);
              RotationTracker.markRunning(tx, secrets, s.id(), job, false);
              // The run reads what this transaction wrote, so it starts only once that is
              // committed, which may be after this method returns when the call's own request
              // transaction (with its audit event) is still open.
              tx.afterCommit(() -> {
                secrets
                    .rotationEvents()
                    .emit(
                        RotationEvent.of(startedEvent(job), job, false, secrets.clock().instant()));
                launcher.launch(job);
              });
              return new Started(result, Optional.of(job));
            });
    return started.result();
  }

  /**
   * CancelRotateSecret: turns automatic rotation off and stops a run in progress. The labels stay
   * as they are (API reference: "You might need to remove the staging label AWSPENDING from the
   * partially created version"); the answer names that version.
   */
  public Result cancel(RequestContext ctx, String secretId) {
    Result result =
        secrets
            .store()
            .write(tx -> {
              SecretRecord s =
                  SecretsService.writable(
                      secrets.resolve(
                          tx, ctx, secretId, true, SecretAccess.Check.of("CancelRotateSecret")));
              Optional<String> pending = StagingLabels.holder(s.stages(), StagingLabels.PENDING);
              Optional<String> cancelled =
                  pending.filter(p ->
                      !pending.equals(StagingLabels.holder(s.stages(), StagingLabels.CURRENT)));
              SecretRecord saved =
                  tx.secrets()
                      .update(
                          s.toBuilder()
                              .rotationEnabled(false)
                              .nextRotationAt(Optional.empty())
                              .lastChangedAt(secrets.clock().instant())
                              .build());
              secrets.replication().propagate(tx, saved);
              RotationTracker.markCancelled(tx, s.id(), secrets.clock().instant());
              String arn = s.arn();
              tx.afterCommit(() -> launcher.cancel(arn));
              return new Result(s.arn(), s.name(), cancelled);
            });
    return result;
  }

  static String startedEvent(RotationJob job) {
    return job.mode() == RotationJob.Mode.TEST ? RotationEvent.TEST_STARTED : RotationEvent.STARTED;
  }

  private String functionOf(SecretRecord s, Optional<String> given) {
    Optional<String> function =
        given.filter(a -> !a.isEmpty()).or(() -> s.rotationLambdaArn().filter(a -> !a.isEmpty()));
    if (function.isEmpty()) {
      // Real-service text for RotateSecret without any function ARN (quoted in
      // github.com/getmoto/moto/pull/3912); the cause is the second one the API reference lists
      // for InvalidRequestException.
      throw new InvalidRequestException(
          "No Lambda rotation function ARN is associated with this secret.");
    }
    if (!launcher.canInvoke(function.get())) {
      throw new AccessDeniedException(
          "Secrets Manager cannot invoke the specified Lambda function. No rotation function"
              + " endpoint in this server's configuration (rotation.functions) matches "
              + function.get()
              + ".");
    }
    return function.get();
  }

  /**
   * Adds the version {@code token} without a value and puts AWSPENDING on it: "Secrets Manager
   * creates an AWSPENDING version ID before creating the new secret version" (DescribeSecret,
   * VersionIdsToStages).
   */
  static SecretRecord withPlaceholder(Tx tx, SecretRecord s, String token, Instant now) {
    VersionRecord placeholder =
        new VersionRecord(token, now, Optional.empty(), Optional.empty(), ValueType.NONE);
    tx.secrets().insertVersion(s.id(), placeholder, Optional.empty());
    return s.toBuilder()
        .stages(StagingLabels.attach(s.stages(), token, List.of(StagingLabels.PENDING)))
        .withVersion(placeholder)
        .build();
  }
}
