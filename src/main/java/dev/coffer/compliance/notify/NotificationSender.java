package dev.coffer.compliance.notify;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox: posts each due notification, signed, to its endpoint; marks it delivered on
 * a 2xx answer, otherwise schedules it again with exponential back-off. A notification leaves the
 * outbox only once delivered, so a crash or restart at any point leads to a repeat, never a loss
 * (at-least-once; receivers deduplicate by MessageId, as with SNS).
 */
public final class NotificationSender implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(NotificationSender.class.getName());
  private static final int BATCH = 100;

  /** How long one node holds a notification it is posting before another may try it. */
  static final Duration CLAIM = Duration.ofMinutes(2);

  private final NotificationOutbox outbox;
  private final MessageSigner signer;
  private final Delivery delivery;
  private final NotificationSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService executor;

  private NotificationSender(
      NotificationOutbox outbox,
      MessageSigner signer,
      Delivery delivery,
      NotificationSettings settings,
      Clock clock) {
    this.outbox = outbox;
    this.signer = signer;
    this.delivery = delivery;
    this.settings = settings;
    this.clock = clock;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("coffer-notifications").daemon(true).unstarted(r));
  }

  /** A sender that looks for due notifications every {@code settings.pollInterval()}. */
  public static NotificationSender start(
      NotificationOutbox outbox,
      MessageSigner signer,
      Delivery delivery,
      NotificationSettings settings,
      Clock clock) {
    NotificationSender s = new NotificationSender(outbox, signer, delivery, settings, clock);
    long ms = settings.pollInterval().toMillis();
    s.executor.scheduleWithFixedDelay(s::runSafely, ms, ms, TimeUnit.MILLISECONDS);
    return s;
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "notification delivery round failed; will retry", e);
    }
  }

  /** Attempts every notification due now; returns how many were delivered. */
  public synchronized int runOnce() {
    int delivered = 0;
    Instant now = clock.instant();
    for (NotificationOutbox.Pending p : outbox.due(now, BATCH)) {
      if (!outbox.claim(p, now.plus(CLAIM))) {
        continue;
      }
      if (attempt(p)) {
        delivered++;
      }
    }
    return delivered;
  }

  private boolean attempt(NotificationOutbox.Pending p) {
    SnsNotification n = p.notification();
    Map<String, String> headers =
        Map.of(
            "Content-Type", "text/plain; charset=UTF-8",
            "x-amz-sns-message-type", "Notification",
            "x-amz-sns-message-id", n.messageId(),
            "x-amz-sns-topic-arn", n.topicArn(),
            "User-Agent", "Coffer-Notification-Agent");
    try {
      delivery.post(p.endpoint(), headers, n.signedJson(signer));
      outbox.delivered(p.id(), clock.instant());
      return true;
    } catch (IOException | RuntimeException e) {
      int attempts = p.attempts() + 1;
      Instant next = clock.instant().plus(settings.backoff(attempts));
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      outbox.failed(p.id(), attempts, next, why);
      LOG.info(
          "notification "
              + n.messageId()
              + " to "
              + p.endpoint()
              + " failed (attempt "
              + attempts
              + "): "
              + why
              + "; next attempt at "
              + next);
      return false;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
