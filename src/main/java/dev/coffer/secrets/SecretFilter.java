package dev.coffer.secrets;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One validated ListSecrets filter: a key and 1..10 values (API reference, Filter; model shapes
 * FilterNameStringType and FilterValuesStringList). A value that starts with {@code !} is a
 * negation of the rest of the value.
 *
 * <p>Requests are turned into filters by {@link SecretFilters#fromRequest}, which reports bad input
 * in the service's validation format; the constructor here only guards against programming errors.
 *
 * @param key what the values are compared with
 * @param values the search values, each at most 512 characters of the model's pattern
 */
public record SecretFilter(Key key, List<String> values) {

  /** FilterValuesStringList: 1..10 members. */
  public static final int MAX_VALUES = 10;

  /** FilterValueStringType: at most 512 characters. */
  public static final int MAX_VALUE_LENGTH = 512;

  /** FilterValueStringType pattern, exactly as the model writes it. */
  public static final String VALUE_PATTERN = "^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$";

  static final Pattern VALUE_REGEX = Pattern.compile(VALUE_PATTERN);

  public SecretFilter {
    Objects.requireNonNull(key, "key");
    values = List.copyOf(values);
    if (values.isEmpty() || values.size() > MAX_VALUES) {
      throw new IllegalArgumentException("a filter needs 1 to 10 values");
    }
    for (String value : values) {
      if (value.length() > MAX_VALUE_LENGTH || !VALUE_REGEX.matcher(value).matches()) {
        throw new IllegalArgumentException("filter value breaks the model's constraints");
      }
    }
  }

  /** Convenience for tests and internal callers. */
  public static SecretFilter of(Key key, String... values) {
    return new SecretFilter(key, List.of(values));
  }

  /** FilterNameStringType, in the model's order. */
  public enum Key {
    /** Prefix match, not case-sensitive. */
    DESCRIPTION("description"),
    /** Prefix match, case-sensitive. */
    NAME("name"),
    /** Prefix match on any tag key, case-sensitive. */
    TAG_KEY("tag-key"),
    /** Prefix match on any tag value, case-sensitive. */
    TAG_VALUE("tag-value"),
    /** Prefix match, case-sensitive. */
    PRIMARY_REGION("primary-region"),
    /** Prefix match, case-sensitive. */
    OWNING_SERVICE("owning-service"),
    /** Word search over name, description and tags, not case-sensitive. */
    ALL("all");

    private final String wireName;

    Key(String wireName) {
      this.wireName = wireName;
    }

    /** The value of the {@code Key} member on the wire. */
    public String wireName() {
      return wireName;
    }

    /** The key for a wire value; enum values are case-sensitive, as the model's enum trait. */
    public static Optional<Key> fromWireName(String wireName) {
      return Arrays.stream(values()).filter(k -> k.wireName.equals(wireName)).findFirst();
    }
  }
}
