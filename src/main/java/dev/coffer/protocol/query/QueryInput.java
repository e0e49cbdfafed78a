package dev.coffer.protocol.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.error.ValidationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an AWS query-protocol request: a form-encoded body of {@code name=value} pairs
 * (AWS query protocol: lists as {@code Name.member.N}, structures as {@code Name.member.N.Field}).
 */
public final class QueryInput {
  private final Map<String, String> params;

  private QueryInput(Map<String, String> params) {
    this.params = Collections.unmodifiableMap(params);
  }

  /** Parses an {@code application/x-www-form-urlencoded} body; later duplicates win. */
  public static QueryInput parse(String form) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.put(decode(name), decode(value));
      } catch (IllegalArgumentException e) {
        throw new ValidationException("The request body is not valid form encoding.");
      }
    }
    return new QueryInput(out);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public static QueryInput of(Map<String, String> params) {
    return new QueryInput(new LinkedHashMap<>(params));
  }

  public Optional<String> optional(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /**
   * The value of a required member; a missing one is refused in AWS's validation wording.
   *
   * @throws ValidationException when it is absent
   */
  public String required(String name) {
    String v = params.get(name);
    if (v == null) {
      throw new ValidationException(
          "1 validation error detected: Value null at '"
              + lowerFirst(name)
              + "' failed to satisfy constraint: Member must not be null");
    }
    return v;
  }

  /** The members of list {@code name} ({@code name.member.1}, ...), in order. */
  public List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (int i = 1; params.containsKey(name + ".member." + i); i++) {
      out.add(params.get(name + ".member." + i));
    }
    return out;
  }

  /**
   * The structures of list {@code name}: for each index, its fields ({@code name.member.N.Field}).
   */
  public List<Map<String, String>> structures(String name) {
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      String prefix = name + ".member." + i + ".";
      Map<String, String> fields = new LinkedHashMap<>();
      params.forEach((k, v) -> {
        if (k.startsWith(prefix)) {
          fields.put(k.substring(prefix.length()), v);
        }
      });
      if (fields.isEmpty()) {
        return out;
      }
      out.add(fields);
    }
  }

  /** The request's {@code Action}, empty text when absent. */
  public String action() {
    return params.getOrDefault("Action", "");
  }

  /** The request's {@code Version}, empty text when absent. */
  public String version() {
    return params.getOrDefault("Version", "");
  }

  /** The parameters other than Action and Version, as the audit record's request parameters. */
  public ObjectNode toAuditJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    params.forEach((k, v) -> {
      if (!k.equals("Action") && !k.equals("Version")) {
        o.put(k, v);
      }
    });
    return o;
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
