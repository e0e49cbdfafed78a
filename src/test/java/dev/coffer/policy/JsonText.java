package dev.coffer.policy;

import dev.coffer.policy.internal.JsonValue;
import java.util.Map;

/** Writes a parsed JSON value back as text, so corpus files can embed policies as objects. */
final class JsonText {
  private JsonText() {}

  static String write(JsonValue v) {
    StringBuilder sb = new StringBuilder();
    write(v, sb);
    return sb.toString();
  }

  private static void write(JsonValue v, StringBuilder sb) {
    switch (v) {
      case JsonValue.JString s -> quote(s.value(), sb);
      case JsonValue.JNumber n -> sb.append(n.text());
      case JsonValue.JBool b -> sb.append(b.value());
      case JsonValue.JNull n -> sb.append("null");
      case JsonValue.JArray a -> {
        sb.append('[');
        for (int i = 0; i < a.items().size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(a.items().get(i), sb);
        }
        sb.append(']');
      }
      case JsonValue.JObject o -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          quote(e.getKey(), sb);
          sb.append(':');
          write(e.getValue(), sb);
        }
        sb.append('}');
      }
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
