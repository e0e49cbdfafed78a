package dev.coffer.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.secrets.SecretFilter.Key;
import dev.coffer.secrets.SecretFiltersTest.TestSecret;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SecretFiltersPropertiesTest {

  /** Characters the filter value pattern allows, '!' aside. */
  private static final String VALUE_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :_@/+=.-";

  @Property
  void negation_isComplementOfPlainValue(
      @ForAll Key key, @ForAll("values") String value, @ForAll("secrets") TestSecret secret) {
    boolean plain = SecretFilters.matches(SecretFilter.of(key, value), secret);
    boolean negated = SecretFilters.matches(SecretFilter.of(key, "!" + value), secret);

    assertThat(negated).isEqualTo(!plain);
  }

  @Property
  void negatingEveryValue_isComplementOfWholeFilter(
      @ForAll Key key,
      @ForAll @Size(min = 1, max = 10) List<@net.jqwik.api.From("values") String> values,
      @ForAll("secrets") TestSecret secret) {
    List<String> negated = values.stream().map(v -> "!" + v).toList();

    boolean plain = SecretFilters.matches(new SecretFilter(key, values), secret);
    boolean allNegated = SecretFilters.matches(new SecretFilter(key, negated), secret);

    assertThat(allNegated).isEqualTo(!plain);
  }

  @Property
  void plainValues_orOfSingleValues(
      @ForAll Key key,
      @ForAll @Size(min = 1, max = 10) List<@net.jqwik.api.From("values") String> values,
      @ForAll("secrets") TestSecret secret) {
    boolean any =
        values.stream().anyMatch(v -> SecretFilters.matches(SecretFilter.of(key, v), secret));

    assertThat(SecretFilters.matches(new SecretFilter(key, values), secret)).isEqualTo(any);
  }

  @Property
  void name_everyPrefixOfTheNameMatches(
      @ForAll("secrets") TestSecret secret, @ForAll @IntRange(min = 0, max = 40) int cut) {
    String prefix = secret.name().substring(0, Math.min(cut, secret.name().length()));

    assertThat(SecretFilters.matches(SecretFilter.of(Key.NAME, prefix), secret)).isTrue();
  }

  @Property
  void prefix_matchImpliesEveryShorterPrefixMatches(
      @ForAll("prefixKeys") Key key,
      @ForAll("values") String value,
      @ForAll("secrets") TestSecret secret) {
    if (!SecretFilters.matches(SecretFilter.of(key, value), secret)) {
      return;
    }
    for (int i = 0; i <= value.length(); i++) {
      assertThat(SecretFilters.matches(SecretFilter.of(key, value.substring(0, i)), secret))
          .isTrue();
    }
  }

  @Property
  void description_caseOfValueIrrelevant(
      @ForAll("values") String value, @ForAll("secrets") TestSecret secret) {
    boolean lower =
        SecretFilters.matches(
            SecretFilter.of(Key.DESCRIPTION, value.toLowerCase(Locale.ROOT)), secret);
    boolean upper =
        SecretFilters.matches(
            SecretFilter.of(Key.DESCRIPTION, value.toUpperCase(Locale.ROOT)), secret);

    assertThat(lower).isEqualTo(upper);
  }

  @Property
  void all_caseOfValueIrrelevantAndNameFindsItself(
      @ForAll("values") String value, @ForAll("secrets") TestSecret secret) {
    boolean lower =
        SecretFilters.matches(SecretFilter.of(Key.ALL, value.toLowerCase(Locale.ROOT)), secret);
    boolean upper =
        SecretFilters.matches(SecretFilter.of(Key.ALL, value.toUpperCase(Locale.ROOT)), secret);
    // Changing case moves word boundaries (aB -> ab), so compare the two fully cased forms only
    // with each other; their words are the same letters and digits split the same way.
    assertThat(lower).isEqualTo(upper);
    if (!SecretFilters.words(secret.name()).isEmpty()) {
      assertThat(SecretFilters.matches(SecretFilter.of(Key.ALL, secret.name()), secret)).isTrue();
    }
  }

  @Provide
  Arbitrary<Key> prefixKeys() {
    return Arbitraries.of(
        Key.NAME,
        Key.DESCRIPTION,
        Key.TAG_KEY,
        Key.TAG_VALUE,
        Key.PRIMARY_REGION,
        Key.OWNING_SERVICE);
  }

  @Provide
  Arbitrary<String> values() {
    // Short strings over a small alphabet so that matches actually happen.
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("aAbB1 /-".toCharArray()).ofMaxLength(4),
        Arbitraries.strings().withChars(VALUE_CHARS.toCharArray()).ofMaxLength(12));
  }

  @Provide
  Arbitrary<TestSecret> secrets() {
    Arbitrary<String> text =
        Arbitraries.strings().withChars("aAbB1 /-_".toCharArray()).ofMaxLength(8);
    Arbitrary<String> name = text.filter(s -> !s.isEmpty());
    return Combinators.combine(
            name,
            text.optional(),
            text.list().ofMaxSize(3),
            Arbitraries.of("us-east-1", "eu-west-1").optional(),
            text.optional())
        .as((n, d, tags, region, owner) ->
            new TestSecret(n, d, tags, tags.stream().map(t -> t + "v").toList(), region, owner));
  }
}
