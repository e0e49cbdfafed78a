package dev.coffer.compliance.notify;

import dev.coffer.compliance.ComplianceChange;
import dev.coffer.compliance.ComplianceListener;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns compliance changes into notifications in the outbox, one per configured endpoint. Called by
 * the evaluation inside the transaction that records the result, so the notification is durable
 * exactly when the result is; the {@link NotificationSender} delivers it afterwards.
 */
public final class Notifier implements ComplianceListener {
  private final NotificationOutbox outbox;
  private final NotificationSettings settings;
  private final Clock clock;

  public Notifier(NotificationOutbox outbox, NotificationSettings settings, Clock clock) {
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void changed(ComplianceChange change) {
    enqueue(change);
  }

  /** Stores the notification of {@code change} for every endpoint (nothing when there are none). */
  public void enqueue(ComplianceChange change) {
    if (settings.endpoints().isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    String topicArn =
        "arn:aws:sns:" + change.region() + ":" + change.accountId() + ":" + settings.topicName();
    String subject = ComplianceChangeMessage.subject(change);
    String message = ComplianceChangeMessage.body(change);
    // As with one SNS Publish, every subscriber gets the same MessageId.
    SnsNotification n =
        new SnsNotification(UUID.randomUUID().toString(), topicArn, subject, message, now);
    for (URI endpoint : settings.endpoints()) {
      outbox.add(endpoint, n, now);
    }
  }
}
