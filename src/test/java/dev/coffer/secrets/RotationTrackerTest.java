package dev.coffer.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.crypto.KeyFile;
import dev.coffer.kms.LocalKeyProtector;
import dev.coffer.server.ServerConfig;
import dev.coffer.store.RotationRunRecord;
import dev.coffer.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the domain keeps of rotation runs, with the runner replaced by a job recorder. */
class RotationTrackerTest {
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:f";
  private static final RequestContext CTX =
      new RequestContext(
          "req",
          Instant.EPOCH,
          Caller.root("123456789012", "AKIDTEST"),
          "us-east-1",
          "127.0.0.1",
          "",
          false,
          Optional.empty());

  @TempDir Path dir;
  private Store store;
  private SecretsService secrets;
  private SecretRotation rotation;
  private RotationTracker tracker;
  private final List<RotationJob> launched = new ArrayList<>();

  @BeforeEach
  void open() {
    store = Store.open(ServerConfig.sqliteUrl(dir), "", "");
    secrets =
        new SecretsService(
            store,
            new LocalKeyProtector(KeyFile.loadOrCreate(dir.resolve("value.key"))),
            Clock.systemUTC());
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
  }

  @AfterEach
  void close() {
    store.close();
  }

  private String createSecret(String name) {
    return secrets
        .create(
            CTX,
            new SecretsService.CreateRequest(
                name,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(SecretPayload.ofString("v1")),
                List.of(),
                Optional.empty()))
        .arn();
  }

  private RotationJob rotate(String name, boolean immediately) {
    return rotate(name, immediately, Optional.empty());
  }

  private RotationJob rotate(String name, boolean immediately, Optional<String> token) {
    rotation.rotate(
        CTX,
        new SecretRotation.RotateRequest(
            name, token, Optional.of(FUNCTION), Optional.empty(), immediately));
    return launched.get(launched.size() - 1);
  }

  private RotationRunRecord run(String arn) {
    return store.read(tx -> {
      long id = tx.secrets().findByArn(arn, false).orElseThrow().id();
      return tx.rotationRuns().find(id).orElseThrow();
    });
  }

  @Test
  void record_failedStep_keepsStepReasonAndCountsFailures() {
    String arn = createSecret("failing");
    RotationJob job = rotate("failing", true);
    assertThat(run(arn).status()).isEqualTo("RUNNING");
    assertThat(tracker.isActive(job)).isTrue();

    tracker.record(job, RotationOutcome.failed("setSecret", "database refused the password"));
    RotationRunRecord failed = run(arn);
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.failedStep()).contains("setSecret");
    assertThat(failed.message()).contains("database refused the password");
    assertThat(failed.failures()).isEqualTo(1);
    assertThat(failed.finishedAt()).isPresent();
    assertThat(secrets.describe(CTX, "failing").versionIdsToStages().get(job.token()))
        .containsExactly(StagingLabels.PENDING);

    RotationJob retry = rotate("failing", true, Optional.of(job.token()));
    assertThat(retry).isEqualTo(job);
    tracker.record(retry, RotationOutcome.failed("setSecret", "again"));
    assertThat(run(arn).failures()).isEqualTo(2);
    assertThat(secrets.describe(CTX, "failing").lastRotatedDate()).isEmpty();
  }

  @Test
  void record_successWithoutCurrentMoved_isFailureAtFinishSecret() {
    String arn = createSecret("unfinished");
    RotationJob job = rotate("unfinished", true);
    tracker.record(job, RotationOutcome.succeeded());
    assertThat(run(arn).status()).isEqualTo("FAILED");
    assertThat(run(arn).failedStep()).contains("finishSecret");
  }

  @Test
  void record_testRun_removesPlaceholderVersion() {
    String arn = createSecret("tested");
    RotationJob job = rotate("tested", false);
    assertThat(job.mode()).isEqualTo(RotationJob.Mode.TEST);
    tracker.record(job, RotationOutcome.succeeded());
    assertThat(run(arn).status()).isEqualTo("SUCCEEDED");
    assertThat(secrets.versions(CTX, "tested").versions())
        .extracting(SecretView.VersionView::versionId)
        .doesNotContain(job.token());
  }

  @Test
  void cancel_runningRotation_makesJobInactiveAndRecordsCancelled() {
    String arn = createSecret("cancelled");
    RotationJob job = rotate("cancelled", true);
    assertThat(rotation.cancel(CTX, "cancelled").versionId()).contains(job.token());
    assertThat(tracker.isActive(job)).isFalse();
    assertThat(run(arn).status()).isEqualTo("CANCELLED");
  }
}
