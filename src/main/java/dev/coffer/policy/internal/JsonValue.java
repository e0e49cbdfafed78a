package dev.coffer.policy.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed JSON value that remembers where it started in the source text, so that policy errors can
 * point at the offending element.
 */
public sealed interface JsonValue {

  /** 1-based line of the first character of this value. */
  int line();

  /** 1-based column of the first character of this value. */
  int column();

  /** Short name of the JSON type, used in error messages ("string", "object", ...). */
  String typeName();

  /** A JSON string. */
  record JString(String value, int line, int column) implements JsonValue {
    public JString {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "string";
    }
  }

  /**
   * A JSON number kept as its source text: IAM compares numbers as decimals and we never want a
   * binary floating-point rounding to change a policy's meaning.
   */
  record JNumber(String text, int line, int column) implements JsonValue {
    public JNumber {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String typeName() {
      return "number";
    }
  }

  /** A JSON {@code true} or {@code false}. */
  record JBool(boolean value, int line, int column) implements JsonValue {
    @Override
    public String typeName() {
      return "boolean";
    }
  }

  /** A JSON {@code null}. */
  record JNull(int line, int column) implements JsonValue {
    @Override
    public String typeName() {
      return "null";
    }
  }

  /** A JSON array. */
  record JArray(List<JsonValue> items, int line, int column) implements JsonValue {
    public JArray {
      items = List.copyOf(items);
    }

    @Override
    public String typeName() {
      return "array";
    }
  }

  /** A JSON object; member order is the source order, and keys are unique (the parser checks). */
  record JObject(Map<String, JsonValue> members, int line, int column) implements JsonValue {
    public JObject {
      members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    @Override
    public String typeName() {
      return "object";
    }
  }

  /** "line L, column C", for error messages. */
  default String position() {
    return "line " + line() + ", column " + column();
  }
}
