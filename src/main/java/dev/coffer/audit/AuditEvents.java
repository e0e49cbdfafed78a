package dev.coffer.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.coffer.core.RequestIds;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Builds audit events in CloudTrail's record shape (CloudTrail User Guide, "CloudTrail record
 * contents"; event version 1.11): API calls ({@code eventType: AwsApiCall}) and the service's own
 * background actions ({@code AwsServiceEvent}).
 */
public final class AuditEvents {
  static final String EVENT_VERSION = "1.11";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Builds the {@code additionalEventData} objects callers pass in. */
  public static final com.fasterxml.jackson.databind.node.JsonNodeFactory JSON_NODES =
      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;

  private static final int MAX_ERROR_MESSAGE = 1024; // CloudTrail: errorMessage up to 1 KB
  private static final int MAX_PARAMETERS = 100 * 1024; // CloudTrail: requestParameters ≤ 100 KB

  /** Request members that name the resource a call acts on, in order of preference. */
  private static final List<String> RESOURCE_MEMBERS =
      List.of("SecretId", "Name", "KeyId", "ResourceArn", "AliasName");

  private AuditEvents() {}

  /** The event of one API call, successful or refused. */
  public static AuditEvent apiCall(ApiCall call) {
    ObjectNode r = JSON.createObjectNode();
    r.put("eventVersion", EVENT_VERSION);
    r.set("userIdentity", call.identity().toJson());
    r.put("eventTime", cloudTrailTime(call.time()));
    r.put("eventSource", call.eventSource());
    r.put("eventName", call.eventName());
    r.put("awsRegion", call.region());
    r.put("sourceIPAddress", call.sourceIp());
    r.put("userAgent", call.userAgent());
    // CloudTrail: tlsDetails only for calls over TLS.
    call.tls().ifPresent(t -> r.set("tlsDetails", t.toJson()));
    call.vpcEndpointId().ifPresent(v -> r.put("vpcEndpointId", v));
    call.errorCode().ifPresent(c -> r.put("errorCode", c));
    call.errorMessage().ifPresent(m -> r.put("errorMessage", truncate(m)));
    // Serialized once: its length decides truncation, and the text goes into the record as is.
    String params = text(Redaction.requestParameters(call.input()));
    boolean truncated = params.length() > MAX_PARAMETERS;
    if (truncated) {
      r.putNull("requestParameters");
    } else {
      r.putRawValue("requestParameters", new RawValue(params));
    }
    r.set(
        "responseElements",
        call.output()
            .map(o -> (JsonNode) Redaction.responseElements(call.eventName(), call.readOnly(), o))
            .orElse(null));
    if (truncated) {
      r.putObject("additionalEventData").put("requestParametersTruncated", true);
    }
    String eventId = RequestIds.next();
    r.put("requestID", call.requestId());
    r.put("eventID", eventId);
    r.put("readOnly", call.readOnly());
    List<String> names = resourceNames(call);
    String type = resourceType(call.eventSource());
    if (!names.isEmpty() && names.get(0).startsWith("arn:")) {
      ArrayNode resources = r.putArray("resources");
      resources
          .addObject()
          .put("accountId", call.identity().accountId())
          .put("type", type)
          .put("ARN", names.get(0));
    }
    r.put("eventType", "AwsApiCall");
    r.put("managementEvent", true);
    r.put("recipientAccountId", call.identity().accountId());
    r.put("eventCategory", "Management");
    return new AuditEvent(
        eventId,
        call.time(),
        call.identity().accountId(),
        call.region(),
        call.eventSource(),
        call.eventName(),
        call.identity().username(),
        call.identity().accessKeyId(),
        names,
        names.isEmpty() ? List.of() : List.of(type),
        call.readOnly(),
        text(r));
  }

  /**
   * An event for something the service did on its own (CloudTrail {@code AwsServiceEvent}): no
   * request or response, the subject in {@code additionalEventData} (Secrets Manager User Guide,
   * "Logging with CloudTrail": e.g. {@code EndSecretVersionDelete}, {@code RotationSucceeded}).
   *
   * @param resourceArn the secret or key acted on
   * @param additionalEventData e.g. {@code {"SecretId": arn, "VersionId": id}}
   */
  public static AuditEvent serviceEvent(
      Instant time,
      String accountId,
      String region,
      String eventSource,
      String eventName,
      String resourceArn,
      ObjectNode additionalEventData) {
    String eventId = RequestIds.next();
    ObjectNode r = JSON.createObjectNode();
    r.put("eventVersion", EVENT_VERSION);
    Identity who = Identity.service(accountId, eventSource);
    r.set("userIdentity", who.toJson());
    r.put("eventTime", cloudTrailTime(time));
    r.put("eventSource", eventSource);
    r.put("eventName", eventName);
    r.put("awsRegion", region);
    r.put("sourceIPAddress", eventSource);
    r.put("userAgent", eventSource);
    r.putNull("requestParameters");
    r.putNull("responseElements");
    r.set("additionalEventData", additionalEventData.deepCopy());
    r.put("requestID", eventName + "-" + resourceArn + "-" + UUID.randomUUID());
    r.put("eventID", eventId);
    r.put("readOnly", false);
    String type = resourceType(eventSource);
    r.putArray("resources")
        .addObject()
        .put("accountId", accountId)
        .put("type", type)
        .put("ARN", resourceArn);
    r.put("eventType", "AwsServiceEvent");
    r.put("managementEvent", true);
    r.put("recipientAccountId", accountId);
    r.put("eventCategory", "Management");
    return new AuditEvent(
        eventId,
        time,
        accountId,
        region,
        eventSource,
        eventName,
        who.username(),
        "",
        List.of(resourceArn),
        List.of(type),
        false,
        text(r));
  }

  /** CloudTrail writes eventTime in whole seconds, UTC: {@code 2024-05-01T12:00:00Z}. */
  static String cloudTrailTime(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The ARN and name of what the call touched: from the response, else from the request. */
  private static List<String> resourceNames(ApiCall call) {
    Set<String> names = new LinkedHashSet<>();
    call.output()
        .ifPresent(o -> {
          member(o, "ARN").ifPresent(names::add);
          if (o.get("KeyMetadata") instanceof ObjectNode key) {
            member(key, "Arn").ifPresent(names::add);
          }
          member(o, "KeyId").ifPresent(names::add);
          member(o, "Name").ifPresent(names::add);
        });
    for (String m : RESOURCE_MEMBERS) {
      member(call.input(), m).ifPresent(names::add);
    }
    List<String> out = new ArrayList<>(names);
    // An ARN first, when there is one: it becomes the record's resources[0].
    out.sort((a, b) -> Boolean.compare(!a.startsWith("arn:"), !b.startsWith("arn:")));
    return out;
  }

  private static Optional<String> member(ObjectNode o, String name) {
    JsonNode v = o.get(name);
    if (v == null || !v.isTextual()) {
      return Optional.empty();
    }
    String s = v.asText();
    // Resource names are indexed one per line; anything unprintable stays in the record only.
    if (s.isEmpty() || s.length() > 2048 || s.chars().anyMatch(Character::isISOControl)) {
      return Optional.empty();
    }
    return Optional.of(s);
  }

  private static String resourceType(String eventSource) {
    return switch (eventSource) {
      case "kms.amazonaws.com" -> "AWS::KMS::Key";
      case "secretsmanager.amazonaws.com" -> "AWS::SecretsManager::Secret";
      default -> "Coffer::Audit::Log";
    };
  }

  private static String truncate(String message) {
    return message.length() <= MAX_ERROR_MESSAGE
        ? message
        : message.substring(0, MAX_ERROR_MESSAGE);
  }

  static String text(@Nullable JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an audit record", e);
    }
  }
}
