package dev.coffer.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.InvalidParameterException;
import dev.coffer.core.error.ValidationException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

  private static final String ALL_TYPES =
      PasswordGenerator.UPPERCASE
          + PasswordGenerator.LOWERCASE
          + PasswordGenerator.DIGITS
          + PasswordGenerator.PUNCTUATION;

  @Test
  void generate_defaults_thirtyTwoCharactersOfEveryType() {
    String password =
        new PasswordGenerator(new SplittableRandom(1)).generate(PasswordOptions.defaults());

    assertThat(password).hasSize(32);
    assertThat(password).containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]");
    assertThat(password.chars().anyMatch(c -> PasswordGenerator.PUNCTUATION.indexOf(c) >= 0))
        .isTrue();
    assertThat(password).doesNotContain(" ");
  }

  @Test
  void punctuation_isTheDocumentedSet() {
    // GetRandomPassword: ! " # $ % & ' ( ) * + , - . / : ; < = > ? @ [ \ ] ^ _ ` { | } ~
    assertThat(PasswordGenerator.PUNCTUATION).hasSize(32);
    assertThat(PasswordGenerator.PUNCTUATION.chars().distinct().count()).isEqualTo(32);
    assertThat(PasswordGenerator.PUNCTUATION.chars())
        .allMatch(c -> c > 32 && c < 127 && !Character.isLetterOrDigit(c));
  }

  @Test
  void generate_everythingExcluded_invalidParameter() {
    PasswordOptions options =
        PasswordOptions.builder()
            .excludeUppercase(true)
            .excludeLowercase(true)
            .excludeNumbers(true)
            .excludePunctuation(true)
            .build();

    assertThatThrownBy(() -> new PasswordGenerator().generate(options))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("every character type is excluded");
  }

  @Test
  void generate_everyCharacterInExcludeCharacters_invalidParameter() {
    PasswordOptions options = PasswordOptions.builder().excludeCharacters(ALL_TYPES + " ").build();

    assertThatThrownBy(() -> new PasswordGenerator().generate(options))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void generate_lengthBelowRequiredTypes_awsMessage() {
    PasswordOptions options = PasswordOptions.builder().passwordLength(3).build();

    assertThatThrownBy(() -> new PasswordGenerator().generate(options))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("Password length is too short based on the required types.");
  }

  @Test
  void generate_lengthBelowTypesWithoutRequirement_succeeds() {
    PasswordOptions options =
        PasswordOptions.builder().passwordLength(1).requireEachIncludedType(false).build();

    assertThat(new PasswordGenerator().generate(options)).hasSize(1);
  }

  @Test
  void generate_onlySpaceLeft_spacesOnly() {
    PasswordOptions options =
        PasswordOptions.builder()
            .excludeUppercase(true)
            .excludeLowercase(true)
            .excludeNumbers(true)
            .excludePunctuation(true)
            .includeSpace(true)
            .passwordLength(5)
            .build();

    assertThat(new PasswordGenerator().generate(options)).isEqualTo("     ");
  }

  @Test
  void generate_typeFullyExcludedByCharacters_notRequired() {
    PasswordOptions options =
        PasswordOptions.builder()
            .excludeCharacters(PasswordGenerator.DIGITS)
            .passwordLength(3)
            .build();

    String password = new PasswordGenerator(new SplittableRandom(7)).generate(options);

    assertThat(password).hasSize(3).doesNotContainPattern("[0-9]");
  }

  @Test
  void passwordLength_outOfRange_validationMessage() {
    assertThatThrownBy(() -> PasswordOptions.builder().passwordLength(5000))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "1 validation error detected: Value '5000' at 'passwordLength' failed to satisfy"
                + " constraint: Member must have value less than or equal to 4096");
    assertThatThrownBy(() -> PasswordOptions.builder().passwordLength(0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("greater than or equal to 1");
    assertThatThrownBy(() -> PasswordOptions.builder().passwordLength(Long.MAX_VALUE))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void excludeCharacters_tooLong_validation() {
    assertThatThrownBy(() -> PasswordOptions.builder().excludeCharacters("a".repeat(4097)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("excludeCharacters");
  }

  @Test
  void generate_singleDrawPerPosition_roughlyUniform() {
    // A chi-square style sanity check: 100k digits should land near 10% each (±1%).
    PasswordOptions options =
        PasswordOptions.builder()
            .excludeUppercase(true)
            .excludeLowercase(true)
            .excludePunctuation(true)
            .passwordLength(4096)
            .build();
    PasswordGenerator generator = new PasswordGenerator(new SplittableRandom(42));
    Map<Character, Integer> counts = new HashMap<>();
    int total = 0;
    for (int i = 0; i < 25; i++) {
      for (char c : generator.generate(options).toCharArray()) {
        counts.merge(c, 1, Integer::sum);
        total++;
      }
    }
    for (char d = '0'; d <= '9'; d++) {
      assertThat(counts.get(d) / (double) total).isBetween(0.09, 0.11);
    }
  }

  @Test
  void generate_requiredCharacters_landAtEveryPosition() {
    // Only one digit is ever drawn in a password of letters plus one required digit; the shuffle
    // must be able to put it anywhere.
    PasswordOptions options =
        PasswordOptions.builder()
            .excludeCharacters("123456789")
            .excludePunctuation(true)
            .excludeUppercase(true)
            .passwordLength(8)
            .build();
    PasswordGenerator generator = new PasswordGenerator(new SplittableRandom(3));
    boolean[] seen = new boolean[8];
    for (int i = 0; i < 2000; i++) {
      String password = generator.generate(options);
      int at = password.indexOf('0');
      assertThat(at).isNotNegative();
      seen[at] = true;
    }
    for (boolean s : seen) {
      assertThat(s).isTrue();
    }
  }

  @Property(tries = 300)
  void generate_anyFeasibleOptions_meetsEveryRule(
      @ForAll("options") PasswordOptions options, @ForAll long seed) {
    PasswordGenerator generator = new PasswordGenerator(new SplittableRandom(seed));
    String password;
    try {
      password = generator.generate(options);
    } catch (InvalidParameterException impossible) {
      Assume.that(false);
      return;
    }

    assertThat(password).hasSize(options.passwordLength());
    for (char c : password.toCharArray()) {
      assertThat(options.excludeCharacters().indexOf(c)).as("excluded %s", c).isNegative();
    }
    if (!options.includeSpace()) {
      assertThat(password).doesNotContain(" ");
    }
    assertTypeRule(password, options.excludeUppercase(), PasswordGenerator.UPPERCASE, options);
    assertTypeRule(password, options.excludeLowercase(), PasswordGenerator.LOWERCASE, options);
    assertTypeRule(password, options.excludeNumbers(), PasswordGenerator.DIGITS, options);
    assertTypeRule(password, options.excludePunctuation(), PasswordGenerator.PUNCTUATION, options);
  }

  @Property(tries = 200)
  void generate_impossibleOnlyWhenDocumentedReasons(
      @ForAll("options") PasswordOptions options, @ForAll long seed) {
    int includedTypes = 0;
    boolean anyCharacter = options.includeSpace() && options.excludeCharacters().indexOf(' ') < 0;
    for (var type : typeSwitches(options).entrySet()) {
      if (!type.getValue() && hasAllowed(type.getKey(), options)) {
        includedTypes++;
        anyCharacter = true;
      }
    }
    boolean feasible =
        anyCharacter
            && (!options.requireEachIncludedType() || options.passwordLength() >= includedTypes);

    PasswordGenerator generator = new PasswordGenerator(new SplittableRandom(seed));
    if (feasible) {
      assertThat(generator.generate(options)).hasSize(options.passwordLength());
    } else {
      assertThatThrownBy(() -> generator.generate(options))
          .isInstanceOf(InvalidParameterException.class);
    }
  }

  private static Map<String, Boolean> typeSwitches(PasswordOptions options) {
    return Map.of(
        PasswordGenerator.UPPERCASE, options.excludeUppercase(),
        PasswordGenerator.LOWERCASE, options.excludeLowercase(),
        PasswordGenerator.DIGITS, options.excludeNumbers(),
        PasswordGenerator.PUNCTUATION, options.excludePunctuation());
  }

  private static boolean hasAllowed(String type, PasswordOptions options) {
    return type.chars().anyMatch(c -> options.excludeCharacters().indexOf(c) < 0);
  }

  private static void assertTypeRule(
      String password, boolean excluded, String type, PasswordOptions options) {
    boolean present = password.chars().anyMatch(c -> type.indexOf(c) >= 0);
    if (excluded) {
      assertThat(present).as("excluded type %s", type).isFalse();
    } else if (options.requireEachIncludedType() && hasAllowed(type, options)) {
      assertThat(present).as("required type %s", type).isTrue();
    }
  }

  @Provide
  Arbitrary<PasswordOptions> options() {
    Arbitrary<String> excluded =
        Arbitraries.strings().withChars((ALL_TYPES + " ").toCharArray()).ofMaxLength(60);
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    Arbitrary<Boolean> rare = Arbitraries.of(true, false, false, false);
    return Combinators.combine(
            Arbitraries.integers().between(1, 80),
            excluded,
            rare,
            rare,
            rare,
            rare,
            flag,
            Arbitraries.of(true, true, false))
        .as((length, chars, numbers, punctuation, upper, lower, space, require) ->
            PasswordOptions.builder()
                .passwordLength(length)
                .excludeCharacters(chars)
                .excludeNumbers(numbers)
                .excludePunctuation(punctuation)
                .excludeUppercase(upper)
                .excludeLowercase(lower)
                .includeSpace(space)
                .requireEachIncludedType(require)
                .build());
  }
}
