package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compliance.ComplianceChange;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.compliance.notify.NotificationSettings;
import dev.coffer.compliance.notify.Notifier;
import dev.coffer.store.OutboxRow;
import dev.coffer.store.Store;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outbox joins the transaction that records the evaluation: both commit, or neither. */
class StoreNotificationOutboxTest {
  private static ComplianceChange change() {
    Instant t = Instant.parse("2026-12-01T00:00:00Z");
    EvaluationResult r =
        new EvaluationResult(
            "123456789012",
            "us-east-1",
            "secretsmanager-using-cmk",
            EvaluationResult.SECRET_TYPE,
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbCdEf",
            ComplianceType.COMPLIANT,
            Optional.empty(),
            t,
            t,
            t);
    return new ComplianceChange(
        "123456789012",
        "us-east-1",
        "secretsmanager-using-cmk",
        "arn:aws:config:us-east-1:123456789012:config-rule/config-rule-x",
        EvaluationResult.SECRET_TYPE,
        r.resourceId(),
        "s",
        Optional.empty(),
        r,
        t);
  }

  @Test
  void enqueue_transactionRollsBack_nothingStored_commits_oneRowPerEndpoint() throws Exception {
    Path dir = Files.createTempDirectory("coffer-outbox");
    try (Store store = Store.open(ServerConfig.sqliteUrl(dir), "", "")) {
      Notifier notifier =
          new Notifier(
              new StoreNotificationOutbox(store),
              NotificationSettings.none()
                  .withEndpoints(
                      List.of(
                          URI.create("http://127.0.0.1:1/a"), URI.create("http://127.0.0.1:1/b"))),
              Clock.systemUTC());

      assertThatThrownBy(() ->
              store.execute(tx -> {
                notifier.enqueue(change());
                throw new IllegalStateException("the evaluation failed");
              }))
          .hasMessage("the evaluation failed");
      List<OutboxRow> none = store.read(tx -> tx.notifications().all(10));
      assertThat(none).isEmpty();

      store.execute(tx -> notifier.enqueue(change()));
      List<OutboxRow> rows = store.read(tx -> tx.notifications().all(10));
      assertThat(rows).hasSize(2);
      assertThat(rows)
          .extracting(r -> r.endpoint())
          .containsExactly("http://127.0.0.1:1/a", "http://127.0.0.1:1/b");
      assertThat(rows.get(0).messageId()).isEqualTo(rows.get(1).messageId());
      assertThat(rows.get(0).deliveredAt()).isEmpty();
    }
  }

  @Test
  void noEndpoints_nothingStored() throws Exception {
    Path dir = Files.createTempDirectory("coffer-outbox");
    try (Store store = Store.open(ServerConfig.sqliteUrl(dir), "", "")) {
      new Notifier(
              new StoreNotificationOutbox(store), NotificationSettings.none(), Clock.systemUTC())
          .enqueue(change());
      List<OutboxRow> none = store.read(tx -> tx.notifications().all(10));
      assertThat(none).isEmpty();
    }
  }
}
