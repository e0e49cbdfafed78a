package dev.coffer.audit;

import dev.coffer.core.audit.StoredAuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event ready to be stored: the CloudTrail record as JSON text and the values LookupEvents
 * filters on. Built by {@link AuditEvents}; it gets its sequence number and chain hash when it is
 * appended.
 *
 * @param body the CloudTrail record ({@code eventVersion}, {@code userIdentity}, ...), JSON text
 */
public record AuditEvent(
    String eventId,
    Instant eventTime,
    String accountId,
    String region,
    String eventSource,
    String eventName,
    String username,
    String accessKeyId,
    List<String> resourceNames,
    List<String> resourceTypes,
    boolean readOnly,
    String body) {

  public AuditEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(eventSource, "eventSource");
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    resourceNames = List.copyOf(resourceNames);
    resourceTypes = List.copyOf(resourceTypes);
    Objects.requireNonNull(body, "body");
  }

  /** The row this event becomes at position {@code seq} with chain hash {@code chainHash}. */
  StoredAuditEvent row(long seq, String chainHash) {
    return new StoredAuditEvent(
        seq,
        eventId,
        eventTime,
        accountId,
        region,
        eventSource,
        eventName,
        username,
        accessKeyId,
        resourceNames,
        resourceTypes,
        readOnly,
        body,
        chainHash);
  }
}
