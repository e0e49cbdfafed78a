package dev.coffer.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {

  @Test
  void parse_fullGrammar_keepsValuesAndOrder() {
    JsonValue v =
        JsonParser.parse(
            " {\"a\": [1, -2.5e+3, true, false, null, \"x\"], \"b\": {}, \"c\": [] } ");
    JsonValue.JObject o = (JsonValue.JObject) v;
    assertThat(o.members().keySet()).containsExactly("a", "b", "c");
    JsonValue.JArray a = (JsonValue.JArray) o.members().get("a");
    assertThat(((JsonValue.JNumber) a.items().get(1)).text()).isEqualTo("-2.5e+3");
    assertThat(a.items().get(4)).isInstanceOf(JsonValue.JNull.class);
  }

  @Test
  void parse_unicodeEscapes_decodesBmpAndSurrogatePairs() {
    JsonValue v = JsonParser.parse("\"\\u00e9\\uD83D\\uDE00\\n\\/\\\\\\\"\"");
    assertThat(((JsonValue.JString) v).value()).isEqualTo("é\uD83D\uDE00\n/\\\"");
  }

  @Test
  void parse_duplicateKey_reportsKeyAndPosition() {
    assertThatThrownBy(() -> JsonParser.parse("{\n  \"a\": 1,\n  \"a\": 2}"))
        .isInstanceOf(JsonSyntaxException.class)
        .hasMessage("duplicate key \"a\" at line 3, column 3");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1,}|expected a string key in object",
        "[1,]|unexpected character ']'",
        "01|unexpected content after the end of the JSON document",
        "{\"a\" 1}|expected ':'",
        "\"abc|unterminated string",
        "\"\\x\"|invalid escape sequence '\\x'",
        "\"\\uD800\"|lone high surrogate in \\u escape",
        "\"\\uDC00\"|lone low surrogate in \\u escape",
        "\"\\u12G4\"|invalid hex digit in \\u escape",
        "tru|invalid literal, expected 'true'",
        "1.|invalid number: expected digit after '.'",
        "1e|invalid number: expected digit in exponent",
        "// c|unexpected character '/'",
        "|unexpected end of input, expected a value",
      })
  void parse_invalid_namesProblem(String text, String problem) {
    assertThatThrownBy(() -> JsonParser.parse(text == null ? "" : text))
        .isInstanceOf(JsonSyntaxException.class)
        .satisfies(e -> assertThat(((JsonSyntaxException) e).problem()).isEqualTo(problem));
  }

  @Test
  void parse_controlCharacterInString_rejected() {
    assertThatThrownBy(() -> JsonParser.parse("\"a\tb\""))
        .hasMessageContaining("unescaped control character");
  }

  @ParameterizedTest
  @ValueSource(ints = {65, 200})
  void parse_deepNesting_boundedDepth(int depth) {
    String text = "[".repeat(depth) + "]".repeat(depth);
    if (depth <= 64) {
      assertThat(JsonParser.parse(text)).isInstanceOf(JsonValue.JArray.class);
    } else {
      assertThatThrownBy(() -> JsonParser.parse(text)).hasMessageContaining("nesting deeper");
    }
  }
}
