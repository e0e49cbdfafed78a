package dev.coffer.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One audit event as stored: the indexed columns LookupEvents filters on, the full CloudTrail
 * record as JSON text, and the hash that chains it to the event before it.
 *
 * @param seq position in the audit log, from 1, without gaps
 * @param eventId the CloudTrail {@code eventID}
 * @param eventTime the CloudTrail {@code eventTime}, millisecond precision
 * @param accountId the account the event belongs to ({@code recipientAccountId})
 * @param region the region of the call
 * @param eventSource e.g. {@code secretsmanager.amazonaws.com}
 * @param eventName e.g. {@code GetSecretValue}
 * @param username the LookupEvents user name, empty when there is none
 * @param accessKeyId the signing access key, empty when there is none
 * @param resourceNames names and ARNs of the resources the event touched; no line breaks
 * @param resourceTypes their CloudFormation-style types, e.g. {@code AWS::SecretsManager::Secret}
 * @param readOnly whether the call only read
 * @param body the CloudTrail record, JSON
 * @param chainHash hex SHA-256 chaining this event to its predecessor (computed by the audit layer)
 */
public record StoredAuditEvent(
    long seq,
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
    String body,
    String chainHash) {

  public StoredAuditEvent {
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
    Objects.requireNonNull(chainHash, "chainHash");
    for (String n : resourceNames) {
      checkListItem(n);
    }
    for (String t : resourceTypes) {
      checkListItem(t);
    }
  }

  private static void checkListItem(String item) {
    if (item.isEmpty() || item.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("resource names and types must be non-empty single lines");
    }
  }

  /** This row at position {@code newSeq} with chain hash {@code newHash}. */
  public StoredAuditEvent at(long newSeq, String newHash) {
    return new StoredAuditEvent(
        newSeq,
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
        newHash);
  }
}
