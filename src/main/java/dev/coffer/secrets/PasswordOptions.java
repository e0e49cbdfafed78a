package dev.coffer.secrets;

import dev.coffer.core.error.ValidationException;
import java.util.Objects;

/**
 * The inputs of GetRandomPassword, validated against the model constraints of the
 * GetRandomPasswordRequest shape: {@code PasswordLength} 1..4096 (default 32), {@code
 * ExcludeCharacters} at most 4096 characters, every switch false by default except {@code
 * RequireEachIncludedType}, whose documented default is to include every character type.
 *
 * <p>Build it with {@link #builder()} and call only the setters whose members are present in the
 * request; everything else keeps the AWS default.
 *
 * @param passwordLength the number of characters in the password
 * @param excludeCharacters characters that must not appear in the password
 * @param excludeNumbers no digits
 * @param excludePunctuation none of {@link PasswordGenerator#PUNCTUATION}
 * @param excludeUppercase no {@code A-Z}
 * @param excludeLowercase no {@code a-z}
 * @param includeSpace allow the space character
 * @param requireEachIncludedType at least one character of every included type
 */
public record PasswordOptions(
    int passwordLength,
    String excludeCharacters,
    boolean excludeNumbers,
    boolean excludePunctuation,
    boolean excludeUppercase,
    boolean excludeLowercase,
    boolean includeSpace,
    boolean requireEachIncludedType) {

  /** PasswordLengthType: "If you don't include this parameter, the default length is 32". */
  public static final int DEFAULT_LENGTH = 32;

  /** PasswordLengthType range 1..4096. */
  public static final int MIN_LENGTH = 1;

  public static final int MAX_LENGTH = 4096;

  /** ExcludeCharactersType length 0..4096. */
  public static final int MAX_EXCLUDE_CHARACTERS = 4096;

  public PasswordOptions {
    Objects.requireNonNull(excludeCharacters, "excludeCharacters");
    checkLength(passwordLength);
    if (excludeCharacters.length() > MAX_EXCLUDE_CHARACTERS) {
      throw new ValidationException(
          "1 validation error detected: Value at 'excludeCharacters' failed to satisfy"
              + " constraint: Member must have length less than or equal to "
              + MAX_EXCLUDE_CHARACTERS);
    }
  }

  /** The options of a request that sets no member at all. */
  public static PasswordOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void checkLength(long length) {
    // Same wording as the model validation layer of the real service (behaviour.md §14).
    if (length > MAX_LENGTH) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + length
              + "' at 'passwordLength' failed to satisfy constraint: Member must have value less"
              + " than or equal to "
              + MAX_LENGTH);
    }
    if (length < MIN_LENGTH) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + length
              + "' at 'passwordLength' failed to satisfy constraint: Member must have value greater"
              + " than or equal to "
              + MIN_LENGTH);
    }
  }

  /** Collects the members that are present in a request; absent members keep their defaults. */
  public static final class Builder {
    private long passwordLength = DEFAULT_LENGTH;
    private String excludeCharacters = "";
    private boolean excludeNumbers;
    private boolean excludePunctuation;
    private boolean excludeUppercase;
    private boolean excludeLowercase;
    private boolean includeSpace;
    private boolean requireEachIncludedType = true;

    private Builder() {}

    /** The model types PasswordLength as a long, so an out-of-range long is reported, not cut. */
    public Builder passwordLength(long value) {
      checkLength(value);
      this.passwordLength = value;
      return this;
    }

    public Builder excludeCharacters(String value) {
      this.excludeCharacters = Objects.requireNonNull(value, "excludeCharacters");
      return this;
    }

    public Builder excludeNumbers(boolean value) {
      this.excludeNumbers = value;
      return this;
    }

    public Builder excludePunctuation(boolean value) {
      this.excludePunctuation = value;
      return this;
    }

    public Builder excludeUppercase(boolean value) {
      this.excludeUppercase = value;
      return this;
    }

    public Builder excludeLowercase(boolean value) {
      this.excludeLowercase = value;
      return this;
    }

    public Builder includeSpace(boolean value) {
      this.includeSpace = value;
      return this;
    }

    public Builder requireEachIncludedType(boolean value) {
      this.requireEachIncludedType = value;
      return this;
    }

    public PasswordOptions build() {
      return new PasswordOptions(
          Math.toIntExact(passwordLength),
          excludeCharacters,
          excludeNumbers,
          excludePunctuation,
          excludeUppercase,
          excludeLowercase,
          includeSpace,
          requireEachIncludedType);
    }
  }
}
