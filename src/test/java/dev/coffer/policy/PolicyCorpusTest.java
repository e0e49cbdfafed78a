package dev.coffer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.policy.internal.JsonParser;
import dev.coffer.policy.internal.JsonValue;
import dev.coffer.policy.internal.JsonValue.JArray;
import dev.coffer.policy.internal.JsonValue.JObject;
import dev.coffer.policy.internal.JsonValue.JString;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the table-driven evaluation corpus in {@code src/test/resources/policy/cases/*.json}. Each
 * file has {@code defaults} and a list of {@code cases}; a case overrides any default key and must
 * cite the documentation rule it checks in {@code rule} (its own or the file's). See {@code
 * policy/cases/README.md} for the format.
 */
class PolicyCorpusTest {
  static final int MINIMUM_CASES = 300;

  @TestFactory
  Stream<DynamicTest> corpus() throws IOException, URISyntaxException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files()) {
      for (CorpusCase c : load(file)) {
        tests.add(
            DynamicTest.dynamicTest(
                file.getFileName() + " › " + c.name() + " [" + c.rule() + "]", c::run));
      }
    }
    assertThat(tests).as("corpus cases loaded").isNotEmpty();
    return tests.stream();
  }

  @Test
  void corpus_countsCases_atLeastMinimum() throws IOException, URISyntaxException {
    int n = 0;
    for (Path file : files()) {
      n += load(file).size();
    }
    assertThat(n).isGreaterThanOrEqualTo(MINIMUM_CASES);
  }

  static List<Path> files() throws IOException, URISyntaxException {
    URL dir = Objects.requireNonNull(PolicyCorpusTest.class.getResource("/policy/cases"));
    try (Stream<Path> s = Files.list(Path.of(dir.toURI()))) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  static List<CorpusCase> load(Path file) throws IOException {
    JObject root = (JObject) JsonParser.parse(Files.readString(file, StandardCharsets.UTF_8));
    JObject defaults =
        (JObject) root.members().getOrDefault("defaults", new JObject(Map.of(), 0, 0));
    String fileRule = string(root, "rule", "");
    List<CorpusCase> out = new ArrayList<>();
    for (JsonValue v : ((JArray) root.members().get("cases")).items()) {
      Map<String, JsonValue> merged = new LinkedHashMap<>(defaults.members());
      merged.putAll(((JObject) v).members());
      JObject c = new JObject(merged, v.line(), v.column());
      String rule = string(c, "rule", fileRule);
      if (rule.isEmpty()) {
        throw new IllegalStateException(file + " line " + v.line() + ": case cites no rule");
      }
      out.add(new CorpusCase(string(c, "name", "line " + v.line()), rule, c));
    }
    return out;
  }

  static String string(JObject o, String key, String fallback) {
    JsonValue v = o.members().get(key);
    return v instanceof JString s ? s.value() : fallback;
  }
}
