package dev.coffer.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A LookupEvents query: events of one account and region in a time range, optionally matching one
 * attribute, newest first, before a sequence number (the page position).
 *
 * @param attribute which column to match, if any
 * @param value the value it must equal (or contain, for resource names and types)
 * @param beforeSeq only events with a smaller sequence number (exclusive), for paging
 */
public record AuditLookup(
    String accountId,
    String region,
    Instant start,
    Instant end,
    Optional<Attribute> attribute,
    String value,
    long beforeSeq,
    int limit) {

  /** The LookupAttributes keys CloudTrail defines, mapped to columns. */
  public enum Attribute {
    EVENT_ID,
    EVENT_NAME,
    READ_ONLY,
    USERNAME,
    RESOURCE_TYPE,
    RESOURCE_NAME,
    EVENT_SOURCE,
    ACCESS_KEY_ID
  }

  public AuditLookup {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(value, "value");
  }
}
