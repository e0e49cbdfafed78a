package dev.coffer.secrets;

import dev.coffer.core.error.InvalidParameterException;
import dev.coffer.core.error.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The filters of a ListSecrets or BatchGetSecretValue request and the rule that decides whether a
 * secret passes them (API reference, Filter; behaviour.md §10).
 *
 * <p>Matching, per the API reference: every key is a prefix match; {@code description} ignores
 * case, {@code name}, {@code tag-key}, {@code tag-value}, {@code primary-region} and {@code
 * owning-service} respect it; {@code all} breaks the value into words and searches the name, the
 * description and the tags, ignoring case.
 *
 * <p>Combining, where the documentation says only that "{@code !}" performs a negation:
 *
 * <ul>
 *   <li>Filters are AND'ed: a secret must pass every filter.
 *   <li>Within one filter the plain values are OR'ed and every negated value excludes: a secret
 *       passes when it matches at least one plain value (or the filter has none) and matches no
 *       negated value. Thus a filter whose values are all negated passes exactly the secrets that
 *       the same filter without the {@code !} rejects, and {@code tag-key: !env} keeps only secrets
 *       with no tag key starting with {@code env}. OR'ing negated values instead would make {@code
 *       [!a, !b]} pass every secret that lacks either prefix, which excludes almost nothing.
 *   <li>An attribute the secret lacks (no description, no tags) matches no plain value, even the
 *       empty one, and therefore passes every negated value.
 * </ul>
 *
 * <p>The {@code all} search follows the user guide ("Find secrets in AWS Secrets Manager"): words
 * break at a change from lower- to uppercase, between letters and digits, and at every other
 * character, which is ignored ({@code credsDatabase#892} gives {@code creds}, {@code Database},
 * {@code 892}). A value matches when one attribute (the name, the description, one tag key or one
 * tag value) has, for every word of the value, a word that starts with it. Requiring the words in
 * the same field follows AWS's announcement of the search ("searching 'secrets for' will return any
 * secret with secret name, tag key, tag value, or description that includes both 'secrets' and
 * 'for' in the same field"). A value without words matches nothing.
 */
public final class SecretFilters {

  /** FiltersListType: at most 10 filters. */
  public static final int MAX_FILTERS = 10;

  private static final SecretFilters NONE = new SecretFilters(List.of());

  private final List<SecretFilter> filters;

  private SecretFilters(List<SecretFilter> filters) {
    this.filters = List.copyOf(filters);
  }

  /** No filter: every secret passes. */
  public static SecretFilters none() {
    return NONE;
  }

  /** Filters already validated, for internal callers. */
  public static SecretFilters of(List<SecretFilter> filters) {
    if (filters.size() > MAX_FILTERS) {
      throw new IllegalArgumentException("at most 10 filters");
    }
    return new SecretFilters(filters);
  }

  /**
   * Validates the {@code Filters} member of a request and returns the filters.
   *
   * @param input the filters as sent; {@code null} when the member is absent
   * @throws ValidationException for a breach of the model's constraints, listing every breach in
   *     the service's "N validation errors detected: …" format
   * @throws InvalidParameterException for a filter without a {@code Key} or without {@code Values},
   *     which the model allows but a filter cannot do without
   */
  public static SecretFilters fromRequest(@Nullable List<Input> input) {
    if (input == null || input.isEmpty()) {
      return NONE;
    }
    List<String> errors = new ArrayList<>();
    if (input.size() > MAX_FILTERS) {
      errors.add(
          violation(
              input.toString(),
              "filters",
              "Member must have length less than or equal to " + MAX_FILTERS));
    }
    for (int i = 0; i < input.size(); i++) {
      validate(input.get(i), i + 1, errors);
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(summary(errors));
    }
    List<SecretFilter> filters = new ArrayList<>(input.size());
    for (int i = 0; i < input.size(); i++) {
      filters.add(toFilter(input.get(i), i + 1));
    }
    return new SecretFilters(filters);
  }

  /** The filters in request order. */
  public List<SecretFilter> filters() {
    return filters;
  }

  public boolean isEmpty() {
    return filters.isEmpty();
  }

  /** Whether {@code secret} passes every filter. */
  public boolean matches(FilterableSecret secret) {
    Objects.requireNonNull(secret, "secret");
    return filters.stream().allMatch(filter -> matches(filter, secret));
  }

  /** Whether {@code secret} passes one filter: any plain value and no negated value. */
  public static boolean matches(SecretFilter filter, FilterableSecret secret) {
    boolean hasPlain = false;
    boolean plainMatched = false;
    for (String value : filter.values()) {
      if (value.startsWith("!")) {
        if (matchesTerm(filter.key(), value.substring(1), secret)) {
          return false;
        }
      } else {
        hasPlain = true;
        plainMatched = plainMatched || matchesTerm(filter.key(), value, secret);
      }
    }
    return !hasPlain || plainMatched;
  }

  /** Whether the secret has the un-negated {@code term} under {@code key}. */
  static boolean matchesTerm(SecretFilter.Key key, String term, FilterableSecret secret) {
    return switch (key) {
      case NAME -> secret.name().startsWith(term);
      case DESCRIPTION ->
          secret.description().map(d -> lower(d).startsWith(lower(term))).orElse(false);
      case TAG_KEY -> secret.tagKeys().stream().anyMatch(k -> k.startsWith(term));
      case TAG_VALUE -> secret.tagValues().stream().anyMatch(v -> v.startsWith(term));
      case PRIMARY_REGION -> secret.primaryRegion().map(r -> r.startsWith(term)).orElse(false);
      case OWNING_SERVICE -> secret.owningService().map(s -> s.startsWith(term)).orElse(false);
      case ALL -> matchesAllWords(term, secret);
    };
  }

  private static boolean matchesAllWords(String term, FilterableSecret secret) {
    List<String> wanted = SearchWords.split(term).stream().map(SecretFilters::lower).toList();
    if (wanted.isEmpty()) {
      return false;
    }
    return Stream.of(
            Stream.of(secret.name()),
            secret.description().stream(),
            secret.tagKeys().stream(),
            secret.tagValues().stream())
        .flatMap(s -> s)
        .anyMatch(field -> hasEveryWord(field, wanted));
  }

  private static boolean hasEveryWord(String field, List<String> wanted) {
    List<String> words = SearchWords.split(field).stream().map(SecretFilters::lower).toList();
    return wanted.stream().allMatch(w -> words.stream().anyMatch(word -> word.startsWith(w)));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static void validate(Input filter, int position, List<String> errors) {
    String at = "filters." + position + ".member.";
    String key = filter.key();
    if (key != null && SecretFilter.Key.fromWireName(key).isEmpty()) {
      String allowed =
          Arrays.stream(SecretFilter.Key.values())
              .map(SecretFilter.Key::wireName)
              .collect(Collectors.joining(", ", "[", "]"));
      errors.add(violation(key, at + "key", "Member must satisfy enum value set: " + allowed));
    }
    List<@Nullable String> values = filter.values();
    if (values == null) {
      return;
    }
    if (values.isEmpty() || values.size() > SecretFilter.MAX_VALUES) {
      String bound =
          values.isEmpty()
              ? "greater than or equal to 1"
              : "less than or equal to " + SecretFilter.MAX_VALUES;
      errors.add(violation(values.toString(), at + "values", "Member must have length " + bound));
    }
    for (String value : values) {
      if (value == null) {
        errors.add(
            "Value null at '"
                + at
                + "values' failed to satisfy constraint: Member must not"
                + " be null");
      } else if (value.length() > SecretFilter.MAX_VALUE_LENGTH) {
        errors.add(
            violation(
                value,
                at + "values",
                "Member must have length less than or equal to " + SecretFilter.MAX_VALUE_LENGTH));
      } else if (!SecretFilter.VALUE_REGEX.matcher(value).matches()) {
        errors.add(
            violation(
                value,
                at + "values",
                "Member must satisfy regular expression pattern: " + SecretFilter.VALUE_PATTERN));
      }
    }
  }

  private static SecretFilter toFilter(Input filter, int position) {
    String key = filter.key();
    if (key == null) {
      throw new InvalidParameterException(
          "Invalid filter: filter " + position + " has no Key; use one of " + keyList() + ".");
    }
    List<@Nullable String> values = filter.values();
    if (values == null) {
      throw new InvalidParameterException(
          "Invalid filter: filter " + position + " (" + key + ") has no Values.");
    }
    List<String> present = values.stream().map(Objects::requireNonNull).toList();
    return new SecretFilter(SecretFilter.Key.fromWireName(key).orElseThrow(), present);
  }

  private static String keyList() {
    return Arrays.stream(SecretFilter.Key.values())
        .map(SecretFilter.Key::wireName)
        .collect(Collectors.joining(", "));
  }

  /** One constraint breach in the service's wording, e.g. {@code Value 'x' at 'y' failed …}. */
  private static String violation(String value, String path, String constraint) {
    return "Value '" + value + "' at '" + path + "' failed to satisfy constraint: " + constraint;
  }

  private static String summary(List<String> errors) {
    String count =
        errors.size() == 1
            ? "1 validation error detected: "
            : errors.size() + " validation errors detected: ";
    return count + String.join("; ", errors);
  }

  /**
   * One filter as it arrives in a request, before validation: either member may be absent.
   *
   * @param key the {@code Key} member
   * @param values the {@code Values} member
   */
  public record Input(@Nullable String key, @Nullable List<@Nullable String> values) {
    public Input {
      values = values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }

    @Override
    public String toString() {
      return "{Key: " + key + ", Values: " + values + "}";
    }
  }

  /** Returns the words of {@code text} as the {@code all} search sees them. */
  public static List<String> words(String text) {
    return SearchWords.split(text);
  }

  /** Splits text into search words (see the class comment). */
  private static final class SearchWords {
    private SearchWords() {}

    static List<String> split(String text) {
      List<String> words = new ArrayList<>();
      StringBuilder word = new StringBuilder();
      int previous = -1;
      for (int i = 0; i < text.length(); ) {
        int c = text.codePointAt(i);
        i += Character.charCount(c);
        if (!Character.isLetterOrDigit(c)) {
          flush(word, words);
          previous = -1;
          continue;
        }
        if (previous != -1 && isBoundary(previous, c)) {
          flush(word, words);
        }
        word.appendCodePoint(c);
        previous = c;
      }
      flush(word, words);
      return List.copyOf(words);
    }

    private static boolean isBoundary(int previous, int c) {
      boolean letterToDigit = Character.isLetter(previous) && Character.isDigit(c);
      boolean digitToLetter = Character.isDigit(previous) && Character.isLetter(c);
      boolean lowerToUpper = Character.isLowerCase(previous) && Character.isUpperCase(c);
      return letterToDigit || digitToLetter || lowerToUpper;
    }

    private static void flush(StringBuilder word, List<String> words) {
      if (!word.isEmpty()) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
  }
}
