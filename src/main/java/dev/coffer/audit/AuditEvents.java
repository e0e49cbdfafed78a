package dev.coffer.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestIds;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
    String eventId = RequestIds.next();
    List<String> names = resourceNames(call);
    String type = resourceType(call.eventSource());
    String accountId = call.identity().accountId();
    // Serialized first: its length decides truncation, and the text goes into the record as is.
    String params = Redaction.requestParameters(call.input());
    boolean truncated = params.length() > MAX_PARAMETERS;
    Optional<String> response =
        call.output()
            .flatMap(o -> Redaction.responseElements(call.eventName(), call.readOnly(), o));
    String body =
        json(g -> {
          g.writeStartObject();
          g.writeStringField("eventVersion", EVENT_VERSION);
          g.writeFieldName("userIdentity");
          call.identity().write(g);
          g.writeStringField("eventTime", cloudTrailTime(call.time()));
          g.writeStringField("eventSource", call.eventSource());
          g.writeStringField("eventName", call.eventName());
          g.writeStringField("awsRegion", call.region());
          g.writeStringField("sourceIPAddress", call.sourceIp());
          g.writeStringField("userAgent", call.userAgent());
          // CloudTrail: tlsDetails only for calls over TLS.
          if (call.tls().isPresent()) {
            g.writeFieldName("tlsDetails");
            call.tls().get().write(g);
          }
          optionalField(g, "vpcEndpointId", call.vpcEndpointId());
          optionalField(g, "errorCode", call.errorCode());
          optionalField(g, "errorMessage", call.errorMessage().map(AuditEvents::truncate));
          rawOrNull(g, "requestParameters", truncated ? Optional.empty() : Optional.of(params));
          rawOrNull(g, "responseElements", response);
          if (truncated) {
            g.writeObjectFieldStart("additionalEventData");
            g.writeBooleanField("requestParametersTruncated", true);
            g.writeEndObject();
          }
          g.writeStringField("requestID", call.requestId());
          g.writeStringField("eventID", eventId);
          g.writeBooleanField("readOnly", call.readOnly());
          if (!names.isEmpty() && names.get(0).startsWith("arn:")) {
            resources(g, accountId, type, names.get(0));
          }
          trailer(g, "AwsApiCall", accountId);
        });
    return new AuditEvent(
        eventId,
        call.time(),
        accountId,
        call.region(),
        call.eventSource(),
        call.eventName(),
        call.identity().username(),
        call.identity().accessKeyId(),
        names,
        names.isEmpty() ? List.of() : List.of(type),
        call.readOnly(),
        body);
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
    Identity who = Identity.service(accountId, eventSource);
    String type = resourceType(eventSource);
    String body =
        json(g -> {
          g.writeStartObject();
          g.writeStringField("eventVersion", EVENT_VERSION);
          g.writeFieldName("userIdentity");
          who.write(g);
          g.writeStringField("eventTime", cloudTrailTime(time));
          g.writeStringField("eventSource", eventSource);
          g.writeStringField("eventName", eventName);
          g.writeStringField("awsRegion", region);
          g.writeStringField("sourceIPAddress", eventSource);
          g.writeStringField("userAgent", eventSource);
          g.writeNullField("requestParameters");
          g.writeNullField("responseElements");
          g.writeFieldName("additionalEventData");
          g.writeTree(additionalEventData);
          g.writeStringField("requestID", eventName + "-" + resourceArn + "-" + UUID.randomUUID());
          g.writeStringField("eventID", eventId);
          g.writeBooleanField("readOnly", false);
          resources(g, accountId, type, resourceArn);
          trailer(g, "AwsServiceEvent", accountId);
        });
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
        body);
  }

  /** Writes part of a record; may throw what JsonGenerator throws. */
  @FunctionalInterface
  interface JsonWriting {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * The text {@code writing} produces: records are written straight to text, in their member order,
   * with no tree in between (this runs once for every call the server answers).
   */
  static String json(JsonWriting writing) {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writing.write(g);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an audit record", e);
    }
    return out.toString();
  }

  private static void optionalField(JsonGenerator g, String name, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(name, value.get());
    }
  }

  private static void rawOrNull(JsonGenerator g, String name, Optional<String> json)
      throws IOException {
    g.writeFieldName(name);
    if (json.isPresent()) {
      g.writeRawValue(json.get());
    } else {
      g.writeNull();
    }
  }

  private static void resources(JsonGenerator g, String accountId, String type, String arn)
      throws IOException {
    g.writeArrayFieldStart("resources");
    g.writeStartObject();
    g.writeStringField("accountId", accountId);
    g.writeStringField("type", type);
    g.writeStringField("ARN", arn);
    g.writeEndObject();
    g.writeEndArray();
  }

  private static void trailer(JsonGenerator g, String eventType, String accountId)
      throws IOException {
    g.writeStringField("eventType", eventType);
    g.writeBooleanField("managementEvent", true);
    g.writeStringField("recipientAccountId", accountId);
    g.writeStringField("eventCategory", "Management");
    g.writeEndObject();
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
}
