package dev.coffer.secrets;

import dev.coffer.core.error.InvalidParameterException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Generates passwords with the semantics of GetRandomPassword (secretsmanager-ops.md,
 * GetRandomPassword; behaviour.md §11).
 *
 * <p>Every character is drawn with {@link RandomGenerator#nextInt(int)}, whose contract is a
 * uniformly distributed value in the bound, so there is no modulo bias. With {@code
 * RequireEachIncludedType}, one character of each required type is drawn from that type, the rest
 * from the whole alphabet, and a Fisher–Yates shuffle then puts the required characters at
 * uniformly random positions.
 *
 * <p>Decisions where the documentation is silent:
 *
 * <ul>
 *   <li>The required types are the four the documentation lists ("at least one upper and lowercase
 *       letter, one number, and one punctuation"); the space, when allowed, is never required.
 *   <li>A type whose every character is listed in {@code ExcludeCharacters} is no longer included,
 *       so it is not required either: {@code ExcludeCharacters="0123456789"} behaves like {@code
 *       ExcludeNumbers}.
 * </ul>
 */
public final class PasswordGenerator {

  /** The punctuation set of the GetRandomPassword documentation, in its order. */
  public static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  static final String UPPERCASE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWERCASE = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";

  private final RandomGenerator random;

  /** A generator backed by a fresh {@link SecureRandom}. */
  public PasswordGenerator() {
    this(new SecureRandom());
  }

  /** A generator backed by the given source; tests pass a seeded one, production a SecureRandom. */
  public PasswordGenerator(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Returns a password that satisfies {@code options}.
   *
   * @throws InvalidParameterException when every character is excluded, or when the length is
   *     shorter than the number of character types that must each appear
   */
  public String generate(PasswordOptions options) {
    Objects.requireNonNull(options, "options");
    List<String> types = includedTypes(options);
    String alphabet = String.join("", types) + (allowsSpace(options) ? " " : "");
    if (alphabet.isEmpty()) {
      throw new InvalidParameterException(
          "The password can't be generated because every character type is excluded.");
    }
    List<String> required = options.requireEachIncludedType() ? types : List.of();
    int length = options.passwordLength();
    if (length < required.size()) {
      // Text of the real service as recorded by moto (behaviour.md §11).
      throw new InvalidParameterException(
          "Password length is too short based on the required types.");
    }
    char[] password = new char[length];
    int next = 0;
    for (String type : required) {
      password[next++] = pick(type);
    }
    while (next < length) {
      password[next++] = pick(alphabet);
    }
    shuffle(password);
    String result = new String(password);
    Arrays.fill(password, '\0');
    return result;
  }

  /** The letter, digit and punctuation types that are switched on and keep a character. */
  private static List<String> includedTypes(PasswordOptions options) {
    List<String> types = new ArrayList<>(4);
    addUnlessExcluded(types, options.excludeUppercase(), UPPERCASE, options);
    addUnlessExcluded(types, options.excludeLowercase(), LOWERCASE, options);
    addUnlessExcluded(types, options.excludeNumbers(), DIGITS, options);
    addUnlessExcluded(types, options.excludePunctuation(), PUNCTUATION, options);
    return types;
  }

  private static void addUnlessExcluded(
      List<String> types, boolean switchedOff, String type, PasswordOptions options) {
    if (switchedOff) {
      return;
    }
    String remaining = withoutExcluded(type, options.excludeCharacters());
    if (!remaining.isEmpty()) {
      types.add(remaining);
    }
  }

  private static boolean allowsSpace(PasswordOptions options) {
    return options.includeSpace() && options.excludeCharacters().indexOf(' ') < 0;
  }

  private static String withoutExcluded(String type, String excluded) {
    StringBuilder kept = new StringBuilder(type.length());
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (excluded.indexOf(c) < 0) {
        kept.append(c);
      }
    }
    return kept.toString();
  }

  private char pick(String from) {
    return from.charAt(random.nextInt(from.length()));
  }

  /** Fisher–Yates: every permutation of the array is equally likely. */
  private void shuffle(char[] chars) {
    for (int i = chars.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      char held = chars[i];
      chars[i] = chars[j];
      chars[j] = held;
    }
  }
}
