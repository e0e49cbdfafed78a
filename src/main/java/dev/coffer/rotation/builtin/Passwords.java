package dev.coffer.rotation.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.secrets.PasswordGenerator;
import dev.coffer.secrets.PasswordOptions;
import java.util.Optional;

/**
 * New passwords for built-in rotators, made by the same generator as GetRandomPassword and
 * configured with GetRandomPassword's own member names in the secret's {@code passwordOptions}
 * object, e.g. {@code {"PasswordLength": 40, "ExcludeCharacters": "/@\"'\\", "IncludeSpace":
 * false}}. Database rotators exclude {@code / @ " ' \} unless ExcludeCharacters is given, as AWS's
 * rotation templates do by default, because those characters need quoting in connection strings.
 */
final class Passwords {
  static final String DATABASE_EXCLUDED = "/@\"'\\";
  private final PasswordGenerator generator = new PasswordGenerator();

  String generate(Optional<JsonNode> options, String defaultExcluded) {
    try {
      return generator.generate(options(options, defaultExcluded));
    } catch (RuntimeException e) {
      throw new StepFailure("the secret's passwordOptions are not valid: " + e.getMessage());
    }
  }

  private static PasswordOptions options(Optional<JsonNode> options, String defaultExcluded) {
    PasswordOptions.Builder b = PasswordOptions.builder().excludeCharacters(defaultExcluded);
    if (options.isPresent()) {
      JsonNode o = options.get();
      if (o.has("PasswordLength")) {
        b.passwordLength(o.get("PasswordLength").asLong());
      }
      if (o.has("ExcludeCharacters")) {
        b.excludeCharacters(o.get("ExcludeCharacters").asText());
      }
      if (o.has("ExcludeNumbers")) {
        b.excludeNumbers(o.get("ExcludeNumbers").asBoolean());
      }
      if (o.has("ExcludePunctuation")) {
        b.excludePunctuation(o.get("ExcludePunctuation").asBoolean());
      }
      if (o.has("ExcludeUppercase")) {
        b.excludeUppercase(o.get("ExcludeUppercase").asBoolean());
      }
      if (o.has("ExcludeLowercase")) {
        b.excludeLowercase(o.get("ExcludeLowercase").asBoolean());
      }
      if (o.has("IncludeSpace")) {
        b.includeSpace(o.get("IncludeSpace").asBoolean());
      }
      if (o.has("RequireEachIncludedType")) {
        b.requireEachIncludedType(o.get("RequireEachIncludedType").asBoolean());
      }
    }
    return b.build();
  }
}
