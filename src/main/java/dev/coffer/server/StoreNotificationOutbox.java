package dev.coffer.server;

import dev.coffer.compliance.notify.NotificationOutbox;
import dev.coffer.compliance.notify.SnsNotification;
import dev.coffer.store.OutboxRow;
import dev.coffer.store.Store;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The notification outbox kept in the store's {@code notification_outbox} table. */
record StoreNotificationOutbox(Store store) implements NotificationOutbox {
  @Override
  public void add(URI endpoint, SnsNotification n, Instant dueAt) {
    // Joins the evaluation's transaction when one is open on this thread.
    store.execute(tx ->
        tx.notifications()
            .add(
                new OutboxRow(
                    0,
                    endpoint.toString(),
                    n.messageId(),
                    n.topicArn(),
                    n.subject(),
                    n.message(),
                    n.timestamp(),
                    0,
                    dueAt,
                    Optional.empty(),
                    Optional.empty())));
  }

  @Override
  public List<Pending> due(Instant now, int limit) {
    return store.read(tx -> tx.notifications().due(now, limit)).stream()
        .map(r ->
            new Pending(
                r.id(),
                URI.create(r.endpoint()),
                new SnsNotification(
                    r.messageId(), r.topicArn(), r.subject(), r.message(), r.createdAt()),
                r.attempts(),
                r.nextAttemptAt()))
        .toList();
  }

  @Override
  public boolean claim(Pending p, Instant until) {
    return store.write(tx -> tx.notifications().claim(p.id(), p.dueAt(), until));
  }

  @Override
  public void delivered(long id, Instant at) {
    store.execute(tx -> tx.notifications().markDelivered(id, at));
  }

  @Override
  public void failed(long id, int attempts, Instant next, String error) {
    store.execute(tx -> tx.notifications().markFailed(id, attempts, next, error));
  }
}
