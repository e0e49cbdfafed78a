package dev.coffer.protocol.cloudtrail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.AuditReader;
import dev.coffer.core.RequestContext;
import dev.coffer.core.audit.AuditLookup;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.core.error.InvalidLookupAttributesException;
import dev.coffer.core.error.InvalidMaxResultsException;
import dev.coffer.core.error.InvalidNextTokenException;
import dev.coffer.core.error.InvalidTimeRangeException;
import dev.coffer.policy.Authorizer;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudTrail LookupEvents (CloudTrail API Reference): management events of the caller's account in
 * the request's region, newest first, filtered by at most one lookup attribute and a time range.
 */
final class LookupEventsHandler implements Operation {
  static final int DEFAULT_MAX_RESULTS = 50;
  private static final Map<String, AuditLookup.Attribute> KEYS =
      Map.of(
          "EventId", AuditLookup.Attribute.EVENT_ID,
          "EventName", AuditLookup.Attribute.EVENT_NAME,
          "ReadOnly", AuditLookup.Attribute.READ_ONLY,
          "Username", AuditLookup.Attribute.USERNAME,
          "ResourceType", AuditLookup.Attribute.RESOURCE_TYPE,
          "ResourceName", AuditLookup.Attribute.RESOURCE_NAME,
          "EventSource", AuditLookup.Attribute.EVENT_SOURCE,
          "AccessKeyId", AuditLookup.Attribute.ACCESS_KEY_ID);

  private final AuditReader reader;
  private final Clock clock;
  private final Authorizer authorizer;

  LookupEventsHandler(AuditReader reader, Clock clock, Authorizer authorizer) {
    this.reader = reader;
    this.clock = clock;
    this.authorizer = authorizer;
  }

  @Override
  public String name() {
    return "LookupEvents";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    Optional<List<JsonInput>> attributes = in.structList("LookupAttributes", 0, Integer.MAX_VALUE);
    Optional<String> key = Optional.empty();
    Optional<String> value = Optional.empty();
    if (attributes.isPresent() && !attributes.get().isEmpty()) {
      JsonInput a = attributes.get().get(0);
      key = a.enumString("AttributeKey", List.copyOf(KEYS.keySet()));
      value = a.string("AttributeValue", 1, 2000);
    }
    Optional<Instant> start = in.timestamp("StartTime");
    Optional<Instant> end = in.timestamp("EndTime");
    Optional<String> category = in.enumString("EventCategory", List.of("insight"));
    Optional<Long> max = in.integer("MaxResults", Long.MIN_VALUE, Long.MAX_VALUE);
    Optional<String> token = in.string("NextToken", 1, 4096);
    in.validate();
    authorizer.authorize(
        ctx,
        "cloudtrail:LookupEvents",
        Authorizer.Resource.withoutPolicy("*", ctx.accountId()),
        Map.of());
    if (attributes.isPresent() && attributes.get().size() > 1) {
      throw new InvalidLookupAttributesException("You can specify at most one lookup attribute.");
    }
    if (attributes.isPresent()
        && !attributes.get().isEmpty()
        && (key.isEmpty() || value.isEmpty())) {
      throw new InvalidLookupAttributesException(
          "A lookup attribute needs both an AttributeKey and an AttributeValue.");
    }
    if (key.filter("ReadOnly"::equals).isPresent()
        && !value.get().equals("true")
        && !value.get().equals("false")) {
      throw new InvalidLookupAttributesException(
          "The ReadOnly lookup attribute value must be true or false.");
    }
    int limit = (int) (long) max.orElse((long) DEFAULT_MAX_RESULTS);
    if (max.isPresent() && (max.get() < 1 || max.get() > 50)) {
      throw new InvalidMaxResultsException("MaxResults must be between 1 and 50.");
    }
    Instant to = end.orElse(clock.instant());
    Instant from = start.orElse(Instant.EPOCH);
    if (from.isAfter(to)) {
      throw new InvalidTimeRangeException("The start time must not be after the end time.");
    }
    ObjectNode out = Json.object();
    ArrayNode events = out.putArray("Events");
    if (category.isPresent()) {
      return out; // Coffer records no Insights events.
    }
    String binding =
        String.join(
            "\n",
            ctx.accountId(),
            ctx.region(),
            key.orElse(""),
            value.orElse(""),
            start.map(t -> Long.toString(t.toEpochMilli())).orElse(""),
            end.map(t -> Long.toString(t.toEpochMilli())).orElse(""));
    long before = token.map(t -> decode(t, binding)).orElse(Long.MAX_VALUE);
    List<StoredAuditEvent> rows =
        reader.lookup(
            new AuditLookup(
                ctx.accountId(),
                ctx.region(),
                from,
                to,
                key.map(KEYS::get),
                value.orElse(""),
                before,
                limit + 1));
    for (StoredAuditEvent r : rows.subList(0, Math.min(limit, rows.size()))) {
      events.add(event(r));
    }
    if (rows.size() > limit) {
      out.put("NextToken", encode(rows.get(limit - 1).seq(), binding));
    }
    return out;
  }

  private static ObjectNode event(StoredAuditEvent r) {
    ObjectNode e = Json.object();
    e.put("EventId", r.eventId());
    e.put("EventName", r.eventName());
    e.put("ReadOnly", Boolean.toString(r.readOnly()));
    if (!r.accessKeyId().isEmpty()) {
      e.put("AccessKeyId", r.accessKeyId());
    }
    e.put("EventTime", Json.timestamp(r.eventTime()));
    e.put("EventSource", r.eventSource());
    if (!r.username().isEmpty()) {
      e.put("Username", r.username());
    }
    ArrayNode resources = e.putArray("Resources");
    String type = r.resourceTypes().isEmpty() ? "" : r.resourceTypes().get(0);
    for (String name : r.resourceNames()) {
      ObjectNode res = resources.addObject();
      if (!type.isEmpty()) {
        res.put("ResourceType", type);
      }
      res.put("ResourceName", name);
    }
    e.put("CloudTrailEvent", r.body());
    return e;
  }

  /** Tokens carry the next position and a digest of the query, so they fit only their query. */
  private static String encode(long seq, String binding) {
    ByteBuffer b = ByteBuffer.allocate(16);
    b.putLong(seq);
    b.put(digest(binding));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  private static long decode(String token, String binding) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalidToken();
    }
    if (raw.length != 16) {
      throw invalidToken();
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    long seq = b.getLong();
    byte[] d = new byte[8];
    b.get(d);
    if (!MessageDigest.isEqual(d, digest(binding))) {
      throw invalidToken();
    }
    return seq;
  }

  private static byte[] digest(String binding) {
    try {
      return Arrays.copyOf(
          MessageDigest.getInstance("SHA-256").digest(binding.getBytes(StandardCharsets.UTF_8)), 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvalidNextTokenException invalidToken() {
    return new InvalidNextTokenException("Invalid NextToken.");
  }
}
