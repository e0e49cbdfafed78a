package dev.coffer.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.error.InvalidParameterException;
import dev.coffer.core.error.ValidationException;
import dev.coffer.secrets.SecretFilter.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SecretFiltersTest {

  /** A plain secret view for tests. */
  record TestSecret(
      String name,
      Optional<String> description,
      List<String> tagKeys,
      List<String> tagValues,
      Optional<String> primaryRegion,
      Optional<String> owningService)
      implements FilterableSecret {

    static TestSecret named(String name) {
      return new TestSecret(
          name, Optional.empty(), List.of(), List.of(), Optional.of("us-east-1"), Optional.empty());
    }

    TestSecret describedAs(String description) {
      return new TestSecret(
          name, Optional.of(description), tagKeys, tagValues, primaryRegion, owningService);
    }

    TestSecret tagged(String key, String value) {
      List<String> keys = new ArrayList<>(tagKeys);
      List<String> values = new ArrayList<>(tagValues);
      keys.add(key);
      values.add(value);
      return new TestSecret(name, description, keys, values, primaryRegion, owningService);
    }

    TestSecret ownedBy(String service) {
      return new TestSecret(
          name, description, tagKeys, tagValues, primaryRegion, Optional.of(service));
    }
  }

  private static boolean passes(FilterableSecret secret, SecretFilter... filters) {
    return SecretFilters.of(List.of(filters)).matches(secret);
  }

  @Nested
  class Matching {
    @Test
    void name_prefixCaseSensitive_userGuideExample() {
      // User guide: "Name: Data returns a secret named DatabaseSecret, but not databaseSecret or
      // MyData".
      SecretFilter filter = SecretFilter.of(Key.NAME, "Data");

      assertThat(passes(TestSecret.named("DatabaseSecret"), filter)).isTrue();
      assertThat(passes(TestSecret.named("databaseSecret"), filter)).isFalse();
      assertThat(passes(TestSecret.named("MyData"), filter)).isFalse();
    }

    @Test
    void description_prefixIgnoresCase() {
      TestSecret secret = TestSecret.named("a").describedAs("Production DB password");

      assertThat(passes(secret, SecretFilter.of(Key.DESCRIPTION, "production db"))).isTrue();
      assertThat(passes(secret, SecretFilter.of(Key.DESCRIPTION, "PRODUCTION"))).isTrue();
      assertThat(passes(secret, SecretFilter.of(Key.DESCRIPTION, "DB"))).isFalse();
    }

    @Test
    void description_absent_matchesNoPlainValueAndEveryNegation() {
      TestSecret secret = TestSecret.named("a");

      assertThat(passes(secret, SecretFilter.of(Key.DESCRIPTION, ""))).isFalse();
      assertThat(passes(secret, SecretFilter.of(Key.DESCRIPTION, "!"))).isTrue();
      assertThat(passes(secret, SecretFilter.of(Key.DESCRIPTION, "!x"))).isTrue();
    }

    @Test
    void tagKeyAndValue_anyTagPrefixCaseSensitive() {
      TestSecret secret = TestSecret.named("a").tagged("Env", "prod").tagged("team", "Payments");

      assertThat(passes(secret, SecretFilter.of(Key.TAG_KEY, "En"))).isTrue();
      assertThat(passes(secret, SecretFilter.of(Key.TAG_KEY, "env"))).isFalse();
      assertThat(passes(secret, SecretFilter.of(Key.TAG_KEY, "tea"))).isTrue();
      assertThat(passes(secret, SecretFilter.of(Key.TAG_VALUE, "Pay"))).isTrue();
      assertThat(passes(secret, SecretFilter.of(Key.TAG_VALUE, "pay"))).isFalse();
      assertThat(passes(secret, SecretFilter.of(Key.TAG_VALUE, "Env"))).isFalse();
    }

    @Test
    void primaryRegionAndOwningService_prefixCaseSensitive() {
      TestSecret secret = TestSecret.named("a").ownedBy("rds");

      assertThat(passes(secret, SecretFilter.of(Key.PRIMARY_REGION, "us-east"))).isTrue();
      assertThat(passes(secret, SecretFilter.of(Key.PRIMARY_REGION, "US-east"))).isFalse();
      assertThat(passes(secret, SecretFilter.of(Key.OWNING_SERVICE, "rd"))).isTrue();
      assertThat(passes(secret, SecretFilter.of(Key.OWNING_SERVICE, "RDS"))).isFalse();
      assertThat(passes(TestSecret.named("b"), SecretFilter.of(Key.OWNING_SERVICE, ""))).isFalse();
    }

    @Test
    void values_plainValuesOred() {
      SecretFilter filter = SecretFilter.of(Key.NAME, "prod/", "stage/");

      assertThat(passes(TestSecret.named("prod/db"), filter)).isTrue();
      assertThat(passes(TestSecret.named("stage/db"), filter)).isTrue();
      assertThat(passes(TestSecret.named("dev/db"), filter)).isFalse();
    }

    @Test
    void values_negatedValuesEachExclude() {
      SecretFilter filter = SecretFilter.of(Key.NAME, "!prod/", "!stage/");

      assertThat(passes(TestSecret.named("prod/db"), filter)).isFalse();
      assertThat(passes(TestSecret.named("stage/db"), filter)).isFalse();
      assertThat(passes(TestSecret.named("dev/db"), filter)).isTrue();
    }

    @Test
    void values_plainAndNegated_includeThenExclude() {
      SecretFilter filter = SecretFilter.of(Key.NAME, "prod/", "!prod/legacy");

      assertThat(passes(TestSecret.named("prod/db"), filter)).isTrue();
      assertThat(passes(TestSecret.named("prod/legacy-db"), filter)).isFalse();
      assertThat(passes(TestSecret.named("dev/db"), filter)).isFalse();
    }

    @Test
    void negation_onlyFirstBangNegates() {
      // The pattern allows "!" inside values; only the leading one is an operator.
      SecretFilter filter = SecretFilter.of(Key.DESCRIPTION, "!!important");

      assertThat(passes(TestSecret.named("a").describedAs("!important note"), filter)).isFalse();
      assertThat(passes(TestSecret.named("a").describedAs("important note"), filter)).isTrue();
    }

    @Test
    void tagKey_negated_keepsSecretsWithoutSuchTag() {
      SecretFilter filter = SecretFilter.of(Key.TAG_KEY, "!aws:cloudformation");
      TestSecret stack = TestSecret.named("a").tagged("aws:cloudformation:stack-name", "s");
      TestSecret mixed = stack.tagged("team", "x");

      assertThat(passes(stack, filter)).isFalse();
      assertThat(passes(mixed, filter)).isFalse();
      assertThat(passes(TestSecret.named("b"), filter)).isTrue();
    }

    @Test
    void filters_anded() {
      TestSecret secret = TestSecret.named("prod/db").tagged("team", "payments");

      assertThat(
              passes(
                  secret, SecretFilter.of(Key.NAME, "prod"), SecretFilter.of(Key.TAG_KEY, "team")))
          .isTrue();
      assertThat(
              passes(
                  secret, SecretFilter.of(Key.NAME, "prod"), SecretFilter.of(Key.TAG_KEY, "owner")))
          .isFalse();
      assertThat(SecretFilters.none().matches(secret)).isTrue();
    }

    @Test
    void all_splitsValueIntoWordsAndIgnoresCase() {
      // User guide: credsDatabase#892 searches for creds, Database and 892.
      SecretFilter filter = SecretFilter.of(Key.ALL, "credsDatabase 892");
      TestSecret inName = TestSecret.named("database/creds-892");
      TestSecret split = TestSecret.named("database").describedAs("creds 892");

      assertThat(passes(inName, filter)).isTrue();
      assertThat(passes(split, filter)).isFalse();
      assertThat(passes(TestSecret.named("x").tagged("Owner", "CREDS_database_8925"), filter))
          .isTrue();
    }

    @Test
    void all_wordPrefixNotSubstring() {
      TestSecret secret = TestSecret.named("MyPassword");

      assertThat(passes(secret, SecretFilter.of(Key.ALL, "pass"))).isTrue();
      assertThat(passes(secret, SecretFilter.of(Key.ALL, "word"))).isFalse();
      assertThat(passes(secret, SecretFilter.of(Key.ALL, "my_Secret"))).isFalse();
      assertThat(passes(TestSecret.named("my-secret"), SecretFilter.of(Key.ALL, "My_Secret")))
          .isTrue();
    }

    @Test
    void all_searchesDescriptionAndTagsButNotRegion() {
      TestSecret secret = TestSecret.named("x").describedAs("Billing key").tagged("k", "Vault7");

      assertThat(passes(secret, SecretFilter.of(Key.ALL, "billing"))).isTrue();
      assertThat(passes(secret, SecretFilter.of(Key.ALL, "vault 7"))).isTrue();
      assertThat(passes(secret, SecretFilter.of(Key.ALL, "us"))).isFalse();
    }

    @Test
    void all_valueWithoutWords_matchesNothing() {
      assertThat(passes(TestSecret.named("x"), SecretFilter.of(Key.ALL, "::"))).isFalse();
      assertThat(passes(TestSecret.named("x"), SecretFilter.of(Key.ALL, "!::"))).isTrue();
    }
  }

  @Nested
  class Words {
    @Test
    void words_userGuideExample() {
      assertThat(SecretFilters.words("credsDatabase#892"))
          .containsExactly("creds", "Database", "892");
    }

    @Test
    void words_boundaries() {
      assertThat(SecretFilters.words("db2prod")).containsExactly("db", "2", "prod");
      assertThat(SecretFilters.words("HTTPServer")).containsExactly("HTTPServer");
      assertThat(SecretFilters.words("myAPIKey")).containsExactly("my", "APIKey");
      assertThat(SecretFilters.words(" a//b__c= ")).containsExactly("a", "b", "c");
      assertThat(SecretFilters.words("")).isEmpty();
      assertThat(SecretFilters.words("Äpfel9Über")).containsExactly("Äpfel", "9", "Über");
    }
  }

  @Nested
  class Validation {
    private List<SecretFilters.Input> one(@Nullable String key, @Nullable String... values) {
      return List.of(new SecretFilters.Input(key, Arrays.asList(values)));
    }

    @Test
    void fromRequest_absentOrEmpty_noFilter() {
      assertThat(SecretFilters.fromRequest(null).isEmpty()).isTrue();
      assertThat(SecretFilters.fromRequest(List.of()).isEmpty()).isTrue();
    }

    @Test
    void fromRequest_valid_keepsOrderAndValues() {
      SecretFilters filters =
          SecretFilters.fromRequest(
              List.of(
                  new SecretFilters.Input("tag-key", List.of("env")),
                  new SecretFilters.Input("name", List.of("a", "!b"))));

      assertThat(filters.filters())
          .containsExactly(
              SecretFilter.of(Key.TAG_KEY, "env"), SecretFilter.of(Key.NAME, "a", "!b"));
    }

    @Test
    void fromRequest_patternBreach_awsMessage() {
      assertThatThrownBy(() -> SecretFilters.fromRequest(one("name", "bad#value")))
          .isInstanceOf(ValidationException.class)
          .hasMessage(
              "1 validation error detected: Value 'bad#value' at 'filters.1.member.values' failed"
                  + " to satisfy constraint: Member must satisfy regular expression pattern:"
                  + " ^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$");
    }

    @Test
    void fromRequest_unknownKey_enumMessage() {
      assertThatThrownBy(() -> SecretFilters.fromRequest(one("Name", "a")))
          .isInstanceOf(ValidationException.class)
          .hasMessage(
              "1 validation error detected: Value 'Name' at 'filters.1.member.key' failed to"
                  + " satisfy constraint: Member must satisfy enum value set: [description, name,"
                  + " tag-key, tag-value, primary-region, owning-service, all]");
    }

    @Test
    void fromRequest_valueCounts_lengthMessages() {
      assertThatThrownBy(() -> SecretFilters.fromRequest(one("name")))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("at 'filters.1.member.values'")
          .hasMessageContaining("Member must have length greater than or equal to 1");
      String[] eleven = new String[11];
      Arrays.fill(eleven, "a");
      assertThatThrownBy(() -> SecretFilters.fromRequest(one("name", eleven)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("Member must have length less than or equal to 10");
    }

    @Test
    void fromRequest_longValue_lengthMessage() {
      assertThat(SecretFilters.fromRequest(one("name", "a".repeat(512))).filters()).hasSize(1);
      assertThatThrownBy(() -> SecretFilters.fromRequest(one("name", "a".repeat(513))))
          .isInstanceOf(ValidationException.class)
          .hasMessageEndingWith("Member must have length less than or equal to 512");
    }

    @Test
    void fromRequest_elevenFilters_rejected() {
      List<SecretFilters.Input> input = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        input.add(new SecretFilters.Input("name", List.of("a")));
      }

      assertThatThrownBy(() -> SecretFilters.fromRequest(input))
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("1 validation error detected: Value '[{Key: name")
          .hasMessageEndingWith(
              "at 'filters' failed to satisfy constraint: Member must have"
                  + " length less than or equal to 10");
    }

    @Test
    void fromRequest_severalBreaches_allReported() {
      List<SecretFilters.Input> input =
          List.of(
              new SecretFilters.Input("colour", List.of("a")),
              new SecretFilters.Input("name", List.of("ok", "no*")));

      assertThatThrownBy(() -> SecretFilters.fromRequest(input))
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("2 validation errors detected: Value 'colour' at")
          .hasMessageContaining("; Value 'no*' at 'filters.2.member.values'");
    }

    @Test
    void fromRequest_nullValue_notNullMessage() {
      assertThatThrownBy(() -> SecretFilters.fromRequest(one("name", "a", null)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("Value null at 'filters.1.member.values'")
          .hasMessageContaining("Member must not be null");
    }

    @Test
    void fromRequest_missingKeyOrValues_invalidParameter() {
      assertThatThrownBy(
              () -> SecretFilters.fromRequest(List.of(new SecretFilters.Input(null, List.of("a")))))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("no Key");
      assertThatThrownBy(
              () -> SecretFilters.fromRequest(List.of(new SecretFilters.Input("name", null))))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("no Values");
    }

    @Test
    void secretFilter_programmingErrors_rejected() {
      assertThatThrownBy(() -> new SecretFilter(Key.NAME, List.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> SecretFilter.of(Key.NAME, "a*"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
