package dev.coffer.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.crypto.KeyFile;
import dev.coffer.kms.LocalKeyProtector;
import dev.coffer.server.ServerConfig;
import dev.coffer.store.RotationRunRecord;
import dev.coffer.store.Store;
import dev.coffer.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims, leases, retries, abandonment and RotationOccurringAsScheduled, with the runner replaced
 * by a job recorder and time moved by hand.
 */
class ScheduledRotationsTest {
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:f";
  // A Monday, 10:30 UTC.
  private static final Instant START = Instant.parse("2026-03-09T10:30:00Z");
  private static final RotationPolicy POLICY =
      new RotationPolicy("node-a", 2, Duration.ofMinutes(1), Duration.ofMinutes(10));

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(START);
  private final List<RotationJob> launched = new CopyOnWriteArrayList<>();
  private final List<RotationEvent> events = new CopyOnWriteArrayList<>();
  private Store store;
  private SecretsService secrets;
  private SecretRotation rotation;
  private RotationTracker tracker;
  private ScheduledRotations scheduled;

  @BeforeEach
  void open() {
    store = Store.open(ServerConfig.sqliteUrl(dir), "", "");
    secrets =
        new SecretsService(
            store, new LocalKeyProtector(KeyFile.loadOrCreate(dir.resolve("value.key"))), clock);
    secrets.configureRotation(POLICY, events::add);
    rotation =
        new SecretRotation(
            secrets,
            new RotationLauncher() {
              @Override
              public boolean canInvoke(String functionArn) {
                return true;
              }

              @Override
              public void launch(RotationJob job) {
                launched.add(job);
              }

              @Override
              public void cancel(String secretArn) {}
            });
    tracker = new RotationTracker(secrets);
    scheduled = new ScheduledRotations(secrets);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private RequestContext ctx() {
    return new RequestContext(
        "req",
        clock.instant(),
        Caller.root("123456789012", "AKIDTEST"),
        "us-east-1",
        "127.0.0.1",
        "",
        false,
        Optional.empty());
  }

  /** A secret with rotation configured by {@code expression} and not rotated yet. */
  private String configured(String name, String expression) {
    String arn =
        secrets
            .create(
                ctx(),
                new SecretsService.CreateRequest(
                    name,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(SecretPayload.ofString("v1")),
                    List.of(),
                    Optional.empty()))
            .arn();
    rotation.rotate(
        ctx(),
        new SecretRotation.RotateRequest(
            name,
            Optional.empty(),
            Optional.of(FUNCTION),
            Optional.of(
                new SecretRotation.RulesInput(
                    Optional.empty(), Optional.of(expression), Optional.empty())),
            false));
    tracker.record(launched.remove(0), RotationOutcome.succeeded()); // the test run
    events.clear();
    return arn;
  }

  private Optional<RotationJob> claimAt(String arn, Instant at) {
    clock.advance(Duration.between(clock.instant(), at));
    return scheduled.claim(arn);
  }

  private RotationRunRecord run(String arn) {
    return store.read(tx -> {
      long id = tx.secrets().findByArn(arn, false).orElseThrow().id();
      return tx.rotationRuns().find(id).orElseThrow();
    });
  }

  /** Does what a rotation function does: fills AWSPENDING and moves AWSCURRENT to it. */
  private void completeLikeAFunction(String name, RotationJob job) {
    secrets.putValue(
        ctx(),
        new SecretsService.PutRequest(
            name,
            Optional.of(job.token()),
            SecretPayload.ofString("rotated"),
            Optional.of(List.of(StagingLabels.PENDING))));
    String current =
        StagingLabels.holder(
                store
                    .read(tx -> tx.secrets().findByArn(job.secretArn(), false).orElseThrow())
                    .stages(),
                StagingLabels.CURRENT)
            .orElseThrow();
    secrets.updateVersionStage(
        ctx(), name, StagingLabels.CURRENT, Optional.of(current), Optional.of(job.token()));
    tracker.record(job, RotationOutcome.succeeded());
  }

  @Test
  void claim_beforeAndInsideWindow_claimsOnlyWhenWindowOpens() {
    String arn = configured("hourly", "rate(4 hours)");
    assertThat(claimAt(arn, Instant.parse("2026-03-09T11:59:59Z"))).isEmpty();
    Optional<RotationJob> job = claimAt(arn, Instant.parse("2026-03-09T12:00:00Z"));
    assertThat(job).isPresent();
    assertThat(job.get().mode()).isEqualTo(RotationJob.Mode.ROTATE);
    RotationRunRecord r = run(arn);
    assertThat(r.status()).isEqualTo("RUNNING");
    assertThat(r.scheduled()).isTrue();
    assertThat(r.lease())
        .contains(new RotationRunRecord.Lease("node-a", Instant.parse("2026-03-09T12:10:00Z")));
    assertThat(secrets.describe(ctx(), "hourly").versionIdsToStages().get(job.get().token()))
        .containsExactly(StagingLabels.PENDING);
    assertThat(events).extracting(RotationEvent::name).containsExactly(RotationEvent.STARTED);
  }

  @Test
  void claim_whileLeaseHeld_claimsNothingUntilLeaseExpires() {
    String arn = configured("leased", "rate(4 hours)");
    RotationJob job = claimAt(arn, Instant.parse("2026-03-09T12:00:00Z")).orElseThrow();
    assertThat(claimAt(arn, Instant.parse("2026-03-09T12:09:59Z"))).isEmpty();
    // The node died: after its lease the same version is resumed, not a new one started.
    clock.advance(Duration.ofSeconds(1));
    assertThat(scheduled.candidates()).contains(arn);
    assertThat(scheduled.claim(arn)).contains(job);
    assertThat(run(arn).lease().orElseThrow().until())
        .isEqualTo(Instant.parse("2026-03-09T12:20:00Z"));
  }

  @Test
  void claim_afterSuccess_waitsForNextWindow() {
    String arn = configured("done", "rate(4 hours)");
    RotationJob job = claimAt(arn, Instant.parse("2026-03-09T12:00:00Z")).orElseThrow();
    completeLikeAFunction("done", job);
    assertThat(claimAt(arn, Instant.parse("2026-03-09T12:30:00Z"))).isEmpty();
    assertThat(secrets.describe(ctx(), "done").nextRotationDate())
        .contains(Instant.parse("2026-03-09T16:59:59Z"));
    assertThat(claimAt(arn, Instant.parse("2026-03-09T16:00:00Z"))).isPresent();
    assertThat(secrets.describe(ctx(), "done").rotationOccurringAsScheduled()).contains(true);
  }

  @Test
  void claim_windowClosedWithoutRotation_waitsForNextAndReportsNotAsScheduled() {
    String arn = configured("missed", "rate(4 hours)");
    assertThat(secrets.describe(ctx(), "missed").rotationOccurringAsScheduled()).contains(true);
    // The 12:00 window (one hour by default) closes while the node is down.
    assertThat(claimAt(arn, Instant.parse("2026-03-09T13:00:00Z"))).isEmpty();
    assertThat(secrets.describe(ctx(), "missed").rotationOccurringAsScheduled()).contains(false);
    RotationJob job = claimAt(arn, Instant.parse("2026-03-09T16:00:00Z")).orElseThrow();
    completeLikeAFunction("missed", job);
    assertThat(secrets.describe(ctx(), "missed").rotationOccurringAsScheduled()).contains(true);
  }

  @Test
  void record_scheduledFailure_retriesWithBackOffThenMarksMissed() {
    String arn = configured("retried", "rate(4 hours)");
    RotationJob job = claimAt(arn, Instant.parse("2026-03-09T12:00:00Z")).orElseThrow();
    tracker.record(job, RotationOutcome.failed("setSecret", "refused"));
    assertThat(run(arn).nextAttemptAt()).contains(Instant.parse("2026-03-09T12:01:00Z"));
    assertThat(claimAt(arn, Instant.parse("2026-03-09T12:00:59Z"))).isEmpty();
    assertThat(claimAt(arn, Instant.parse("2026-03-09T12:01:00Z"))).contains(job);

    tracker.record(job, RotationOutcome.failed("setSecret", "refused"));
    assertThat(run(arn).nextAttemptAt()).contains(Instant.parse("2026-03-09T12:03:00Z"));
    assertThat(claimAt(arn, Instant.parse("2026-03-09T12:03:00Z"))).contains(job);
    tracker.record(job, RotationOutcome.failed("testSecret", "cannot log in"));

    RotationRunRecord r = run(arn);
    assertThat(r.failures()).isEqualTo(3);
    assertThat(r.nextAttemptAt()).isEmpty();
    assertThat(r.scheduleMissed()).isTrue();
    assertThat(secrets.describe(ctx(), "retried").rotationOccurringAsScheduled()).contains(false);
    assertThat(secrets.describe(ctx(), "retried").versionIdsToStages().get(job.token()))
        .containsExactly(StagingLabels.PENDING);
    assertThat(claimAt(arn, Instant.parse("2026-03-09T12:30:00Z"))).isEmpty();
    // The next window re-attempts the same incomplete rotation, with a fresh series of retries.
    assertThat(claimAt(arn, Instant.parse("2026-03-09T16:00:00Z"))).contains(job);
    assertThat(run(arn).failures()).isZero();
    assertThat(events)
        .extracting(RotationEvent::name)
        .containsExactly(
            RotationEvent.STARTED,
            RotationEvent.FAILED,
            RotationEvent.STARTED,
            RotationEvent.FAILED,
            RotationEvent.STARTED,
            RotationEvent.FAILED,
            RotationEvent.STARTED);
  }

  @Test
  void record_manualRotationFailure_isRetriedButNotMissed() {
    String arn = configured("manual", "rate(10 days)");
    rotation.rotate(
        ctx(),
        new SecretRotation.RotateRequest(
            "manual", Optional.empty(), Optional.empty(), Optional.empty(), true));
    RotationJob job = launched.remove(0);
    tracker.record(job, RotationOutcome.failed("createSecret", "boom"));
    assertThat(claimAt(arn, clock.instant().plus(Duration.ofMinutes(1)))).contains(job);
    assertThat(run(arn).scheduled()).isTrue();
  }

  @Test
  void putValue_duringRotation_abandonsItAndRemovesPending() {
    String arn = configured("abandoned", "rate(4 hours)");
    RotationJob job = claimAt(arn, Instant.parse("2026-03-09T12:00:00Z")).orElseThrow();
    secrets.putValue(
        ctx(),
        new SecretsService.PutRequest(
            "abandoned", Optional.empty(), SecretPayload.ofString("manual"), Optional.empty()));

    SecretView d = secrets.describe(ctx(), "abandoned");
    assertThat(d.versionIdsToStages()).doesNotContainKey(job.token());
    assertThat(d.versionIdsToStages().values()).noneMatch(l -> l.contains(StagingLabels.PENDING));
    assertThat(tracker.isActive(job)).isFalse();
    assertThat(run(arn).status()).isEqualTo("ABANDONED");
    assertThat(events).extracting(RotationEvent::name).endsWith(RotationEvent.ABANDONED);
    // The manual change counts as a rotation: nothing is due in this window any more.
    assertThat(claimAt(arn, Instant.parse("2026-03-09T12:05:00Z"))).isEmpty();
  }

  @Test
  void putValue_fillingPendingVersion_doesNotAbandon() {
    String arn = configured("filled", "rate(4 hours)");
    RotationJob job = claimAt(arn, Instant.parse("2026-03-09T12:00:00Z")).orElseThrow();
    secrets.putValue(
        ctx(),
        new SecretsService.PutRequest(
            "filled",
            Optional.of(job.token()),
            SecretPayload.ofString("new"),
            Optional.of(List.of(StagingLabels.PENDING))));
    assertThat(tracker.isActive(job)).isTrue();
    assertThat(run(arn).status()).isEqualTo("RUNNING");
  }

  @Test
  void cancelRotateSecret_afterFailure_stopsRetries() {
    String arn = configured("stopped", "rate(4 hours)");
    RotationJob job = claimAt(arn, Instant.parse("2026-03-09T12:00:00Z")).orElseThrow();
    tracker.record(job, RotationOutcome.failed("setSecret", "refused"));
    rotation.cancel(ctx(), "stopped");
    assertThat(run(arn).status()).isEqualTo("CANCELLED");
    assertThat(run(arn).nextAttemptAt()).isEmpty();
    assertThat(claimAt(arn, Instant.parse("2026-03-09T16:00:00Z"))).isEmpty();
    assertThat(scheduled.candidates()).doesNotContain(arn);
    assertThat(secrets.describe(ctx(), "stopped").rotationOccurringAsScheduled()).isEmpty();
  }
}
