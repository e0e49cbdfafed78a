package dev.coffer.protocol.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.error.ValidationException;
import dev.coffer.protocol.query.QueryInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * IAM's paging of list results: {@code MaxItems} (1 to 1000, default 100) and {@code Marker} in,
 * {@code IsTruncated} and {@code Marker} out (IAM API Reference, "Common parameters" of every List
 * operation). The marker is the sort key of the first item of the next page, so a page starts where
 * the last one ended even when items were added or removed in between; it is opaque to clients
 * (base64url).
 */
final class IamPages {
  static final int DEFAULT_MAX_ITEMS = 100;
  static final int MAX_ITEMS = 1000;

  private IamPages() {}

  /**
   * One page of {@code items} under {@code member}, in the order of {@code sortKey}.
   *
   * @throws ValidationException for a MaxItems out of range or a marker this server did not make
   */
  static <T> ObjectNode page(
      QueryInput in,
      String member,
      List<T> items,
      Function<T, String> sortKey,
      Function<T, JsonNode> render) {
    int max = IamInputs.integer(in, "MaxItems", DEFAULT_MAX_ITEMS, 1, MAX_ITEMS);
    String from = in.optional("Marker").map(IamPages::decode).orElse("");
    List<T> sorted =
        items.stream()
            .filter(t -> sortKey.apply(t).compareTo(from) >= 0)
            .sorted(Comparator.comparing(sortKey))
            .toList();
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    sorted.stream().limit(max).forEach(t -> out.add(render.apply(t)));
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.set(member, out);
    boolean truncated = sorted.size() > max;
    o.put("IsTruncated", truncated);
    if (truncated) {
      o.put("Marker", encode(sortKey.apply(sorted.get(max))));
    }
    return o;
  }

  /** A list of plain strings (policy names), sorted by themselves. */
  static ObjectNode names(QueryInput in, String member, List<String> names) {
    return page(in, member, names, n -> n, n -> JsonNodeFactory.instance.textNode(n));
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("m1:" + key).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String marker) {
    String key;
    try {
      key = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!key.startsWith("m1:")) {
      throw invalid();
    }
    return key.substring(3);
  }

  private static ValidationException invalid() {
    return new ValidationException("Invalid Marker: the marker was not returned by this server.");
  }
}
