package dev.coffer.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

  @ParameterizedTest
  @CsvSource({
    "*,'',true",
    "*,abc,true",
    "a*,abc,true",
    "*c,abc,true",
    "a*c,ac,true",
    "a?c,abc,true",
    "a?c,ac,false",
    "a*b*c,axxbyyc,true",
    "a*b*c,axxcyyb,false",
    "abc,abc,true",
    "abc,abcd,false",
    "*a*a*a*a*b,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,false",
  })
  void matches_globRules(String pattern, String input, boolean expected) {
    assertThat(Glob.compile(pattern).matches(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"GetSecret*,getsecretvalue,true", "getsecretvalue,GETSECRETVALUE,true"})
  void matchesIgnoreCase_foldsBothSides(String pattern, String input, boolean expected) {
    assertThat(Glob.compileIgnoreCase(pattern).matches(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"a*b,a*b,true", "a*b,axb,false", "a?b,a?b,true", "a?b,axb,false"})
  void literal_wildcardCharactersAreLiteral(String literal, String input, boolean expected) {
    Glob g = Glob.builder(false).literal(literal).build();
    assertThat(g.matches(input)).isEqualTo(expected);
  }

  /** The glob agrees with a regex translation on random inputs over a small alphabet. */
  @Property(tries = 500)
  void matches_agreesWithRegex(
      @ForAll @StringLength(max = 8) @AlphaChars String rawPattern,
      @ForAll @StringLength(max = 12) @AlphaChars String rawInput) {
    String pattern = rawPattern.replace('x', '*').replace('y', '?').replaceAll("[^ab*?]", "a");
    String input = rawInput.replaceAll("[^ab]", "b");
    String regex =
        pattern
            .chars()
            .mapToObj(c -> c == '*' ? ".*" : c == '?' ? "." : String.valueOf((char) c))
            .reduce("", String::concat);
    assertThat(Glob.compile(pattern).matches(input)).isEqualTo(input.matches(regex));
  }
}
