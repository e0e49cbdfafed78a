package dev.coffer.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

/**
 * The JSON mapper and the awsJson value encodings (timestamps as epoch seconds, blobs as base64).
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** An awsJson timestamp: epoch seconds with millisecond fraction, e.g. 1523477145.713. */
  public static BigDecimal timestamp(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli(), 3);
  }

  /** A day-resolution date (LastAccessedDate) as the timestamp of its midnight UTC. */
  public static BigDecimal timestamp(LocalDate day) {
    return timestamp(day.atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  public static void putIfPresent(ObjectNode o, String member, Optional<String> value) {
    value.ifPresent(v -> o.put(member, v));
  }

  public static void putTimeIfPresent(ObjectNode o, String member, Optional<Instant> value) {
    value.ifPresent(v -> o.put(member, timestamp(v)));
  }

  public static void putDateIfPresent(ObjectNode o, String member, Optional<LocalDate> value) {
    value.ifPresent(v -> o.put(member, timestamp(v)));
  }

  public static ArrayNode strings(Collection<String> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }
}
