package dev.coffer.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.StoredAuditEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON form of stored events and digests, shared by the audit API, {@code coffer audit export}
 * files (one object per line) and the verifier. Reading is strict: every member must be present
 * with its type, no other member may appear, and a member may not repeat, so that a changed byte
 * cannot turn into a silently different but still accepted record.
 */
public final class AuditJson {
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final Set<String> EVENT_MEMBERS =
      new TreeSet<>(
          List.of(
              "seq",
              "eventId",
              "eventTime",
              "accountId",
              "region",
              "eventSource",
              "eventName",
              "username",
              "accessKeyId",
              "resourceNames",
              "resourceTypes",
              "readOnly",
              "body",
              "chainHash"));
  private static final Set<String> DIGEST_MEMBERS =
      new TreeSet<>(
          List.of(
              "digestSeq",
              "firstEventSeq",
              "lastEventSeq",
              "startTime",
              "endTime",
              "startChainHash",
              "lastChainHash",
              "previousDigestHash",
              "keyFingerprint",
              "signatureAlgorithm",
              "signature"));
  public static final String SIGNATURE_ALGORITHM = "Ed25519";

  private AuditJson() {}

  /** A record that could not be read. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  public static ObjectNode event(StoredAuditEvent e) {
    ObjectNode o = STRICT.createObjectNode();
    o.put("seq", e.seq());
    o.put("eventId", e.eventId());
    o.put("eventTime", e.eventTime().toString());
    o.put("accountId", e.accountId());
    o.put("region", e.region());
    o.put("eventSource", e.eventSource());
    o.put("eventName", e.eventName());
    o.put("username", e.username());
    o.put("accessKeyId", e.accessKeyId());
    ArrayNode names = o.putArray("resourceNames");
    e.resourceNames().forEach(names::add);
    ArrayNode types = o.putArray("resourceTypes");
    e.resourceTypes().forEach(types::add);
    o.put("readOnly", e.readOnly());
    o.put("body", e.body());
    o.put("chainHash", e.chainHash());
    return o;
  }

  public static ObjectNode digest(AuditDigest d) {
    ObjectNode o = STRICT.createObjectNode();
    o.put("digestSeq", d.digestSeq());
    o.put("firstEventSeq", d.firstEventSeq());
    o.put("lastEventSeq", d.lastEventSeq());
    o.put("startTime", d.startTime().toString());
    o.put("endTime", d.endTime().toString());
    o.put("startChainHash", d.startChainHash());
    o.put("lastChainHash", d.lastChainHash());
    o.put("previousDigestHash", d.previousDigestHash());
    o.put("keyFingerprint", d.keyFingerprint());
    o.put("signatureAlgorithm", SIGNATURE_ALGORITHM);
    o.put("signature", d.signature());
    return o;
  }

  /** One line of an export file: the compact JSON of {@code o}. */
  public static String line(ObjectNode o) {
    try {
      return STRICT.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses one line strictly (no duplicate members, nothing after the object). */
  public static JsonNode parse(String line) throws MalformedException {
    try {
      JsonNode n = STRICT.readTree(line);
      if (n == null || !n.isObject()) {
        throw new MalformedException("not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new MalformedException("not valid JSON");
    }
  }

  public static StoredAuditEvent readEvent(JsonNode n) throws MalformedException {
    exactMembers(n, EVENT_MEMBERS);
    try {
      return new StoredAuditEvent(
          number(n, "seq"),
          text(n, "eventId"),
          time(n, "eventTime"),
          text(n, "accountId"),
          text(n, "region"),
          text(n, "eventSource"),
          text(n, "eventName"),
          text(n, "username"),
          text(n, "accessKeyId"),
          texts(n, "resourceNames"),
          texts(n, "resourceTypes"),
          bool(n, "readOnly"),
          text(n, "body"),
          text(n, "chainHash"));
    } catch (IllegalArgumentException e) {
      throw new MalformedException(e.getMessage() == null ? "invalid event" : e.getMessage());
    }
  }

  public static AuditDigest readDigest(JsonNode n) throws MalformedException {
    exactMembers(n, DIGEST_MEMBERS);
    if (!text(n, "signatureAlgorithm").equals(SIGNATURE_ALGORITHM)) {
      throw new MalformedException("unsupported signatureAlgorithm");
    }
    return new AuditDigest(
        number(n, "digestSeq"),
        number(n, "firstEventSeq"),
        number(n, "lastEventSeq"),
        time(n, "startTime"),
        time(n, "endTime"),
        text(n, "startChainHash"),
        text(n, "lastChainHash"),
        text(n, "previousDigestHash"),
        text(n, "keyFingerprint"),
        text(n, "signature"));
  }

  private static void exactMembers(JsonNode n, Set<String> expected) throws MalformedException {
    Set<String> actual = new TreeSet<>();
    n.fieldNames().forEachRemaining(actual::add);
    if (!actual.equals(expected)) {
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(actual);
      Set<String> extra = new TreeSet<>(actual);
      extra.removeAll(expected);
      throw new MalformedException(
          "unexpected members"
              + (missing.isEmpty() ? "" : ", missing " + missing)
              + (extra.isEmpty() ? "" : ", unknown " + extra));
    }
  }

  private static String text(JsonNode n, String m) throws MalformedException {
    JsonNode v = n.get(m);
    if (v == null || !v.isTextual()) {
      throw new MalformedException(m + " must be a string");
    }
    return v.asText();
  }

  private static long number(JsonNode n, String m) throws MalformedException {
    JsonNode v = n.get(m);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new MalformedException(m + " must be an integer");
    }
    return v.asLong();
  }

  private static boolean bool(JsonNode n, String m) throws MalformedException {
    JsonNode v = n.get(m);
    if (v == null || !v.isBoolean()) {
      throw new MalformedException(m + " must be true or false");
    }
    return v.asBoolean();
  }

  private static Instant time(JsonNode n, String m) throws MalformedException {
    try {
      return Instant.parse(text(n, m));
    } catch (DateTimeParseException e) {
      throw new MalformedException(m + " must be an ISO-8601 instant");
    }
  }

  private static List<String> texts(JsonNode n, String m) throws MalformedException {
    JsonNode v = n.get(m);
    if (v == null || !v.isArray()) {
      throw new MalformedException(m + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw new MalformedException(m + " must be an array of strings");
      }
      out.add(item.asText());
    }
    return out;
  }
}
