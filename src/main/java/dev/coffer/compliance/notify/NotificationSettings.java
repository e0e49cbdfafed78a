package dev.coffer.compliance.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where compliance changes are sent and how deliveries are retried.
 *
 * @param endpoints HTTP(S) URLs each change is posted to, as SNS posts to an HTTP subscription
 * @param topicName the name in the notifications' TopicArn ({@code
 *     arn:aws:sns:REGION:ACCOUNT:NAME})
 * @param pollInterval how often the sender looks for due notifications
 * @param retryBase the wait after the first failed attempt; it doubles after each further failure
 * @param retryMax the longest wait between attempts (attempts never stop: nothing is dropped)
 * @param publicUrl the server's URL as receivers reach it, for SigningCertURL; empty: the listen
 *     address
 */
public record NotificationSettings(
    List<URI> endpoints,
    String topicName,
    Duration pollInterval,
    Duration retryBase,
    Duration retryMax,
    Optional<URI> publicUrl) {

  public static final String DEFAULT_TOPIC = "coffer-config-compliance";

  public NotificationSettings {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(topicName, "topicName");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(retryBase, "retryBase");
    Objects.requireNonNull(retryMax, "retryMax");
    Objects.requireNonNull(publicUrl, "publicUrl");
    if (!topicName.matches("[A-Za-z0-9_-]{1,256}")) {
      throw new IllegalArgumentException("notifications topicName must be 1-256 of A-Za-z0-9_-");
    }
    if (!pollInterval.isPositive()
        || !retryBase.isPositive()
        || retryMax.compareTo(retryBase) < 0) {
      throw new IllegalArgumentException(
          "notifications pollInterval and retryBase must be positive, retryMax >= retryBase");
    }
    for (URI e : endpoints) {
      if (!"http".equals(e.getScheme()) && !"https".equals(e.getScheme())) {
        throw new IllegalArgumentException("notification endpoint must be http(s): " + e);
      }
    }
  }

  /** No endpoints: changes are not sent anywhere. */
  public static NotificationSettings none() {
    return new NotificationSettings(
        List.of(),
        DEFAULT_TOPIC,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        Duration.ofHours(1),
        Optional.empty());
  }

  public NotificationSettings withEndpoints(List<URI> e) {
    return new NotificationSettings(e, topicName, pollInterval, retryBase, retryMax, publicUrl);
  }

  public NotificationSettings withRetry(Duration base, Duration max) {
    return new NotificationSettings(endpoints, topicName, pollInterval, base, max, publicUrl);
  }

  /**
   * The wait after {@code attempts} failed attempts: retryBase * 2^(attempts-1), at most retryMax.
   */
  public Duration backoff(int attempts) {
    int shift = Math.min(Math.max(attempts - 1, 0), 30);
    Duration d = retryBase.multipliedBy(1L << shift);
    return d.compareTo(retryMax) > 0 ? retryMax : d;
  }
}
