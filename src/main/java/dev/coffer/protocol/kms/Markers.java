package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.error.InvalidMarkerException;
import dev.coffer.core.error.InvalidNextTokenException;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.PageToken;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * KMS pagination: {@code Limit} and {@code Marker} in, {@code NextMarker} and {@code Truncated}
 * out. Markers are opaque {@link PageToken}s bound to the request, so a marker used with another
 * key or operation is refused with InvalidMarkerException.
 */
final class Markers {
  private Markers() {}

  /** The page request: the limit (within 1..{@code max}, default {@code dflt}) and marker. */
  record Page(int limit, Optional<String> marker) {}

  static Page read(JsonInput in, int max, int dflt) {
    // The model allows Limit 1..1000 for every list; narrower service limits are documented per
    // operation (ListAliases 1..100, ListResourceTags 1..50) and checked the same way.
    int limit = in.integer("Limit", 1, max).map(Long::intValue).orElse(dflt);
    Optional<String> marker = in.string("Marker", 1, 1024);
    return new Page(limit, marker);
  }

  static <T> void write(
      ObjectNode out,
      String member,
      List<T> items,
      Page page,
      String binding,
      Function<T, JsonNode> render) {
    int offset = page.marker().map(m -> decode(m, binding)).orElse(0);
    int start = Math.min(offset, items.size());
    int end = Math.min(items.size(), start + page.limit());
    ArrayNode list = out.putArray(member);
    for (T item : items.subList(start, end)) {
      list.add(render.apply(item));
    }
    boolean truncated = end < items.size();
    if (truncated) {
      out.put("NextMarker", PageToken.encode(end, binding));
    }
    out.put("Truncated", truncated);
  }

  private static int decode(String marker, String binding) {
    try {
      return PageToken.decode(marker, binding);
    } catch (InvalidNextTokenException e) {
      throw new InvalidMarkerException("The marker " + marker + " is not valid for this request.");
    }
  }

  static ObjectNode object() {
    return Json.object();
  }
}
