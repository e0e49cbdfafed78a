package dev.coffer.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.error.SerializationException;
import dev.coffer.core.error.ValidationException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an operation's input structure and checks it against the API model's constraints as it
 * goes. Wrong JSON types fail at once with a SerializationException (the request cannot be
 * deserialized); constraint violations (required, length, range, pattern, enum) are collected and
 * reported together by {@link #validate()} in AWS's format: {@code "2 validation errors detected:
 * Value 'x' at 'name' failed to satisfy constraint: Member must have length less than or equal to
 * 512; ..."}. Members not in the model are ignored, as AWS services do.
 */
public final class JsonInput {
  private final ObjectNode node;
  private final String path;
  private final List<String> violations;

  private JsonInput(ObjectNode node, String path, List<String> violations) {
    this.node = node;
    this.path = path;
    this.violations = violations;
  }

  public static JsonInput of(ObjectNode node) {
    return new JsonInput(node, "", new ArrayList<>());
  }

  /** Throws the collected constraint violations, if any. */
  public void validate() {
    if (violations.isEmpty()) {
      return;
    }
    int n = violations.size();
    throw new ValidationException(
        n
            + (n == 1 ? " validation error" : " validation errors")
            + " detected: "
            + String.join("; ", violations));
  }

  /** Whether the member is present and not JSON null. */
  public boolean has(String member) {
    JsonNode v = node.get(member);
    return v != null && !v.isNull();
  }

  // ---- strings ----

  public Optional<String> string(String member, int minLength, int maxLength) {
    return string(member, minLength, maxLength, null, false);
  }

  public Optional<String> string(
      String member,
      int minLength,
      int maxLength,
      @org.jspecify.annotations.Nullable Pattern pattern) {
    return string(member, minLength, maxLength, pattern, false);
  }

  /** A sensitive string: violations do not echo its value. */
  public Optional<String> sensitiveString(String member, int minLength, int maxLength) {
    return string(member, minLength, maxLength, null, true);
  }

  public String requiredString(String member, int minLength, int maxLength) {
    return required(member, string(member, minLength, maxLength));
  }

  public String requiredString(String member, int minLength, int maxLength, Pattern pattern) {
    return required(member, string(member, minLength, maxLength, pattern));
  }

  /** A string limited to {@code allowed} values. */
  public Optional<String> enumString(String member, List<String> allowed) {
    Optional<String> v = string(member, 0, Integer.MAX_VALUE);
    if (v.isPresent() && !allowed.contains(v.get())) {
      violation(member, v.get(), "Member must satisfy enum value set: " + allowed);
      return Optional.empty();
    }
    return v;
  }

  private Optional<String> string(
      String member,
      int minLength,
      int maxLength,
      @org.jspecify.annotations.Nullable Pattern pattern,
      boolean sensitive) {
    JsonNode v = value(member, JsonNodeType.STRING, "a string");
    if (v == null) {
      return Optional.empty();
    }
    String s = v.textValue();
    String shown = sensitive ? null : s;
    int len = s.codePointCount(0, s.length());
    if (len < minLength) {
      violation(member, shown, "Member must have length greater than or equal to " + minLength);
    } else if (len > maxLength) {
      violation(member, shown, "Member must have length less than or equal to " + maxLength);
    } else if (pattern != null && !pattern.matcher(s).matches()) {
      violation(
          member, shown, "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
    return Optional.of(s);
  }

  // ---- numbers and booleans ----

  public Optional<Long> integer(String member, long min, long max) {
    JsonNode v = value(member, JsonNodeType.NUMBER, "a number");
    if (v == null) {
      return Optional.empty();
    }
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new SerializationException("Member " + memberPath(member) + " must be a whole number.");
    }
    long n = v.longValue();
    if (n < min) {
      violation(member, Long.toString(n), "Member must have value greater than or equal to " + min);
    } else if (n > max) {
      violation(member, Long.toString(n), "Member must have value less than or equal to " + max);
    }
    return Optional.of(n);
  }

  public Optional<Boolean> bool(String member) {
    JsonNode v = value(member, JsonNodeType.BOOLEAN, "a boolean");
    return v == null ? Optional.empty() : Optional.of(v.booleanValue());
  }

  /** An awsJson timestamp: epoch seconds, possibly with a fraction (awsJson 1.1 default). */
  public Optional<java.time.Instant> timestamp(String member) {
    JsonNode v = value(member, JsonNodeType.NUMBER, "a timestamp (epoch seconds)");
    if (v == null) {
      return Optional.empty();
    }
    java.math.BigDecimal seconds = v.decimalValue();
    try {
      long millis =
          seconds.movePointRight(3).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
      return Optional.of(java.time.Instant.ofEpochMilli(millis));
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new SerializationException(
          "Member " + memberPath(member) + " is not a valid timestamp.");
    }
  }

  // ---- blobs ----

  /** A base64-encoded blob; a sensitive one is never echoed. */
  public Optional<byte[]> blob(String member, int minLength, int maxLength) {
    JsonNode v = value(member, JsonNodeType.STRING, "a base64-encoded string");
    if (v == null) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(v.textValue());
    } catch (IllegalArgumentException e) {
      throw new SerializationException("Member " + memberPath(member) + " is not valid base64.");
    }
    if (bytes.length < minLength) {
      violation(member, null, "Member must have length greater than or equal to " + minLength);
    } else if (bytes.length > maxLength) {
      violation(member, null, "Member must have length less than or equal to " + maxLength);
    }
    return Optional.of(bytes);
  }

  // ---- maps ----

  /** A map of strings to strings, such as a KMS encryption context; entry order is kept. */
  public Optional<java.util.Map<String, String>> stringMap(String member) {
    JsonNode v = value(member, JsonNodeType.OBJECT, "a map");
    if (v == null) {
      return Optional.empty();
    }
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isTextual()) {
        throw new SerializationException(
            "Member " + memberPath(member) + " must map strings to strings.");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return Optional.of(out);
  }

  // ---- lists and structures ----

  /** A list of strings, each checked against the length limits. */
  public Optional<List<String>> stringList(
      String member, int minItems, int maxItems, int minLength, int maxLength) {
    return stringList(member, minItems, maxItems, minLength, maxLength, null);
  }

  /** A list of strings, each checked against the length limits and {@code pattern}. */
  public Optional<List<String>> stringList(
      String member,
      int minItems,
      int maxItems,
      int minLength,
      int maxLength,
      @org.jspecify.annotations.Nullable Pattern pattern) {
    JsonNode v = listNode(member, minItems, maxItems);
    if (v == null) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      String p = member + "." + (i + 1) + ".member";
      if (!e.isTextual()) {
        throw new SerializationException("Member " + memberPath(p) + " must be a string.");
      }
      String s = e.textValue();
      if (s.length() < minLength) {
        violation(p, s, "Member must have length greater than or equal to " + minLength);
      } else if (s.length() > maxLength) {
        violation(p, s, "Member must have length less than or equal to " + maxLength);
      } else if (pattern != null && !pattern.matcher(s).matches()) {
        violation(p, s, "Member must satisfy regular expression pattern: " + pattern.pattern());
      }
      out.add(s);
    }
    return Optional.of(out);
  }

  /** A list of structures, each read through its own {@link JsonInput}. */
  public Optional<List<JsonInput>> structList(String member, int minItems, int maxItems) {
    JsonNode v = listNode(member, minItems, maxItems);
    if (v == null) {
      return Optional.empty();
    }
    List<JsonInput> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      String p = member + "." + (i + 1) + ".member";
      if (!(e instanceof ObjectNode o)) {
        throw new SerializationException("Member " + memberPath(p) + " must be a structure.");
      }
      out.add(new JsonInput(o, memberPath(p) + ".", violations));
    }
    return Optional.of(out);
  }

  /** A map from names (checked against the length limits) to structures, at most maxEntries. */
  public Optional<java.util.Map<String, JsonInput>> structMap(
      String member, int maxEntries, int minKeyLength, int maxKeyLength) {
    JsonNode v = value(member, JsonNodeType.OBJECT, "a map");
    if (v == null) {
      return Optional.empty();
    }
    if (v.size() > maxEntries) {
      violation(member, null, "Member must have length less than or equal to " + maxEntries);
    }
    java.util.Map<String, JsonInput> out = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<String, JsonNode> e : v.properties()) {
      String k = e.getKey();
      if (k.length() < minKeyLength || k.length() > maxKeyLength) {
        violation(
            member,
            k,
            "Map keys must have length between " + minKeyLength + " and " + maxKeyLength);
      }
      if (!(e.getValue() instanceof ObjectNode o)) {
        throw new SerializationException(
            "Member " + memberPath(member) + "." + k + " must be a structure.");
      }
      out.put(k, new JsonInput(o, memberPath(member) + "." + k + ".", violations));
    }
    return Optional.of(out);
  }

  public Optional<JsonInput> struct(String member) {
    JsonNode v = value(member, JsonNodeType.OBJECT, "a structure");
    return v == null
        ? Optional.empty()
        : Optional.of(new JsonInput((ObjectNode) v, memberPath(member) + ".", violations));
  }

  private @org.jspecify.annotations.Nullable JsonNode listNode(
      String member, int minItems, int maxItems) {
    JsonNode v = value(member, JsonNodeType.ARRAY, "a list");
    if (v == null) {
      return null;
    }
    if (v.size() < minItems) {
      violation(member, null, "Member must have length greater than or equal to " + minItems);
    } else if (v.size() > maxItems) {
      violation(member, null, "Member must have length less than or equal to " + maxItems);
    }
    return v;
  }

  // ---- plumbing ----

  /** A required list of strings; missing is recorded as a violation and read as empty. */
  public List<String> requiredStringList(
      String member, int minItems, int maxItems, int minLength, int maxLength) {
    return requiredStringList(member, minItems, maxItems, minLength, maxLength, null);
  }

  /** A required list of strings, each matching {@code pattern}. */
  public List<String> requiredStringList(
      String member,
      int minItems,
      int maxItems,
      int minLength,
      int maxLength,
      @org.jspecify.annotations.Nullable Pattern pattern) {
    Optional<List<String>> v =
        stringList(member, minItems, maxItems, minLength, maxLength, pattern);
    if (v.isEmpty()) {
      missing(member);
    }
    return v.orElse(List.of());
  }

  /** A required list of structures; missing is recorded as a violation and read as empty. */
  public List<JsonInput> requiredStructList(String member, int minItems, int maxItems) {
    Optional<List<JsonInput>> v = structList(member, minItems, maxItems);
    if (v.isEmpty()) {
      missing(member);
    }
    return v.orElse(List.of());
  }

  /** Records a missing required member; reads it as the empty string so reading can go on. */
  private String required(String member, Optional<String> value) {
    if (value.isEmpty()) {
      missing(member);
    }
    return value.orElse("");
  }

  private void missing(String member) {
    violations.add(
        "Value null at '"
            + memberPath(member)
            + "' failed to satisfy constraint: Member must not be null");
  }

  private @org.jspecify.annotations.Nullable JsonNode value(
      String member, JsonNodeType type, String expected) {
    JsonNode v = node.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.getNodeType() != type) {
      throw new SerializationException(
          "Member " + memberPath(member) + " must be " + expected + ".");
    }
    return v;
  }

  private void violation(
      String member, @org.jspecify.annotations.Nullable String shown, String rule) {
    String value = shown == null ? "Value" : "Value '" + shown + "'";
    violations.add(
        value + " at '" + memberPath(member) + "' failed to satisfy constraint: " + rule);
  }

  /** AWS names members in validation messages in lower camel case: SecretId → secretId. */
  private String memberPath(String member) {
    String[] parts = member.split("\\.");
    StringBuilder sb = new StringBuilder(path);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append('.');
      }
      String p = parts[i];
      sb.append(p.isEmpty() ? p : p.substring(0, 1).toLowerCase(Locale.ROOT) + p.substring(1));
    }
    return sb.toString();
  }
}
