package dev.coffer.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One notification in the outbox (table {@code notification_outbox}).
 *
 * @param id assigned by the database (0 before insert)
 * @param endpoint where it is posted
 * @param messageId the SNS-style MessageId, the same on every attempt so receivers can deduplicate
 * @param topicArn the TopicArn it is published under
 * @param subject the Subject
 * @param message the Message (a JSON document)
 * @param createdAt when it was enqueued; the notification's Timestamp
 * @param attempts failed attempts so far
 * @param nextAttemptAt when it is due
 * @param lastError why the last attempt failed
 * @param deliveredAt when the endpoint accepted it
 */
public record OutboxRow(
    long id,
    String endpoint,
    String messageId,
    String topicArn,
    String subject,
    String message,
    Instant createdAt,
    int attempts,
    Instant nextAttemptAt,
    Optional<String> lastError,
    Optional<Instant> deliveredAt) {

  public OutboxRow {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(topicArn, "topicArn");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(deliveredAt, "deliveredAt");
  }
}
