package dev.coffer.compliance.notify;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Durable storage of notifications until their endpoint accepts them. {@link #add} joins the write
 * transaction open on the calling thread, if any, so a notification is stored if and only if the
 * evaluation that caused it is.
 */
public interface NotificationOutbox {
  /** A stored notification for one endpoint. */
  record Pending(
      long id, URI endpoint, SnsNotification notification, int attempts, Instant dueAt) {}

  void add(URI endpoint, SnsNotification notification, Instant dueAt);

  /** Undelivered notifications due at {@code now}, oldest first. */
  List<Pending> due(Instant now, int limit);

  /**
   * Takes {@code p} for one attempt, so that other nodes leave it alone until {@code until}; false
   * when another node took it first.
   */
  boolean claim(Pending p, Instant until);

  void delivered(long id, Instant at);

  /** Records a failed attempt; the notification is due again at {@code next}. */
  void failed(long id, int attempts, Instant next, String error);
}
