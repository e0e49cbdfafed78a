package dev.coffer.policy.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser. Policies are security-relevant input, so it accepts nothing the
 * grammar does not: no comments, no trailing commas, no leading zeros, no unescaped control
 * characters, no lone surrogates from escapes, and no duplicate object keys (IAM rejects a policy
 * with duplicate keys, see compliance-and-iam.md §4.1). Nesting depth is bounded so hostile input
 * cannot exhaust the stack.
 */
public final class JsonParser {
  private static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;
  private int line = 1;
  private int lineStart;

  private JsonParser(String text) {
    this.text = text;
  }

  /** Parses one JSON value that must span the whole of {@code text} (surrounding whitespace ok). */
  public static JsonValue parse(String text) {
    JsonParser p = new JsonParser(text);
    p.skipWhitespace();
    JsonValue v = p.value(0);
    p.skipWhitespace();
    if (p.pos < text.length()) {
      throw p.error("unexpected content after the end of the JSON document");
    }
    return v;
  }

  private JsonValue value(int depth) {
    if (pos >= text.length()) {
      throw error("unexpected end of input, expected a value");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> {
        int l = line;
        int col = column();
        yield new JsonValue.JString(string(), l, col);
      }
      case 't' -> literal("true", new JsonValue.JBool(true, line, column()));
      case 'f' -> literal("false", new JsonValue.JBool(false, line, column()));
      case 'n' -> literal("null", new JsonValue.JNull(line, column()));
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected character '" + printable(c) + "'");
      }
    };
  }

  private JsonValue literal(String word, JsonValue result) {
    if (!text.startsWith(word, pos)) {
      throw error("invalid literal, expected '" + word + "'");
    }
    pos += word.length();
    return result;
  }

  private JsonValue.JObject object(int depth) {
    checkDepth(depth);
    int l = line;
    int col = column();
    pos++; // '{'
    Map<String, JsonValue> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return new JsonValue.JObject(members, l, col);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a string key in object");
      }
      int keyLine = line;
      int keyCol = column();
      String key = string();
      if (members.containsKey(key)) {
        throw new JsonSyntaxException("duplicate key \"" + key + "\"", keyLine, keyCol);
      }
      skipWhitespace();
      expect(':');
      skipWhitespace();
      members.put(key, value(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return new JsonValue.JObject(members, l, col);
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}' in object");
      }
    }
  }

  private JsonValue.JArray array(int depth) {
    checkDepth(depth);
    int l = line;
    int col = column();
    pos++; // '['
    List<JsonValue> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return new JsonValue.JArray(items, l, col);
    }
    while (true) {
      skipWhitespace();
      items.add(value(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return new JsonValue.JArray(items, l, col);
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']' in array");
      }
    }
  }

  private String string() {
    pos++; // opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("unescaped control character in string");
      }
      if (c == '\\') {
        pos++;
        escape(sb);
      } else {
        sb.append(c);
        pos++;
      }
    }
  }

  private void escape(StringBuilder sb) {
    if (pos >= text.length()) {
      throw error("unterminated escape sequence");
    }
    char e = text.charAt(pos++);
    switch (e) {
      case '"' -> sb.append('"');
      case '\\' -> sb.append('\\');
      case '/' -> sb.append('/');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'u' -> unicodeEscape(sb);
      default -> {
        pos--;
        throw error("invalid escape sequence '\\" + printable(e) + "'");
      }
    }
  }

  /** A {@code \\uXXXX} escape; a surrogate pair must come as two escapes, high then low. */
  private void unicodeEscape(StringBuilder sb) {
    char unit = hex4();
    if (Character.isHighSurrogate(unit)) {
      if (!text.startsWith("\\u", pos)) {
        throw error("lone high surrogate in \\u escape");
      }
      pos += 2;
      char low = hex4();
      if (!Character.isLowSurrogate(low)) {
        throw error("high surrogate not followed by a low surrogate");
      }
      sb.append(unit).append(low);
    } else if (Character.isLowSurrogate(unit)) {
      throw error("lone low surrogate in \\u escape");
    } else {
      sb.append(unit);
    }
  }

  private char hex4() {
    if (pos + 4 > text.length()) {
      throw error("truncated \\u escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(text.charAt(pos + i), 16);
      if (d < 0) {
        throw error("invalid hex digit in \\u escape");
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  private JsonValue.JNumber number() {
    int start = pos;
    int col = column();
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("invalid number");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("invalid number: expected digit after '.'");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("invalid number: expected digit in exponent");
      }
      digits();
    }
    return new JsonValue.JNumber(text.substring(start, pos), line, col);
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        lineStart = pos + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  /** The current character, or NUL at end of input (NUL never matches anything we look for). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private int column() {
    return pos - lineStart + 1;
  }

  private void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  private JsonSyntaxException error(String what) {
    return new JsonSyntaxException(what, line, column());
  }

  private static String printable(char c) {
    return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
