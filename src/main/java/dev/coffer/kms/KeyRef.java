package dev.coffer.kms;

import dev.coffer.core.error.InvalidArnException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A KeyId input parsed into one of the four forms KMS accepts: key id, key ARN, alias name or alias
 * ARN. An ARN names its account and region; the bare forms mean the caller's own.
 *
 * @param kind which form the input has
 * @param name the key id (UUID) or the alias name ({@code alias/...})
 * @param accountId the account an ARN names
 * @param region the region an ARN names
 * @param input the text as the caller gave it
 */
record KeyRef(
    KeyRef.Kind kind,
    String name,
    Optional<String> accountId,
    Optional<String> region,
    String input) {

  enum Kind {
    KEY_ID,
    KEY_ARN,
    ALIAS_NAME,
    ALIAS_ARN,
    /** Neither a key id, an ARN nor an alias: no key can have this name. */
    UNKNOWN
  }

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):(\\d{12}):(key/[^/]+|alias/.+)");

  static KeyRef parse(String input) {
    if (input.startsWith("arn:")) {
      Matcher m = ARN.matcher(input);
      if (!m.matches()) {
        throw new InvalidArnException("Invalid arn " + input);
      }
      String resource = m.group(3);
      boolean alias = resource.startsWith("alias/");
      return new KeyRef(
          alias ? Kind.ALIAS_ARN : Kind.KEY_ARN,
          alias ? resource : resource.substring("key/".length()),
          Optional.of(m.group(2)),
          Optional.of(m.group(1)),
          input);
    }
    if (input.startsWith("alias/")) {
      return new KeyRef(Kind.ALIAS_NAME, input, Optional.empty(), Optional.empty(), input);
    }
    Kind kind = UUID.matcher(input).matches() ? Kind.KEY_ID : Kind.UNKNOWN;
    return new KeyRef(kind, input, Optional.empty(), Optional.empty(), input);
  }

  boolean isAlias() {
    return kind == Kind.ALIAS_NAME || kind == Kind.ALIAS_ARN;
  }

  /** Whether the reference points into {@code accountId}/{@code region} (always, if no ARN). */
  boolean within(String accountId, String region) {
    return this.accountId.map(accountId::equals).orElse(true)
        && this.region.map(region::equals).orElse(true);
  }
}
