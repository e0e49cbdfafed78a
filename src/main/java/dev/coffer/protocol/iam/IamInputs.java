package dev.coffer.protocol.iam;

import dev.coffer.core.error.ValidationException;
import dev.coffer.core.iam.IamTag;
import dev.coffer.policy.PolicyKind;
import dev.coffer.policy.PolicyParser;
import dev.coffer.protocol.query.QueryInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The IAM API's input constraints (IAM API Reference, each operation's request parameters). */
final class IamInputs {
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern PATH = Pattern.compile("/|/[\\u0021-\\u007E]+/");
  static final int MAX_TAGS = 50;

  private IamInputs() {}

  /** A user, role or policy name: {@code [\w+=,.@-]+}, 1 to {@code max} characters. */
  static String name(QueryInput in, String member, int max) {
    String v = in.required(member);
    check(
        member,
        v,
        v.length() >= 1 && v.length() <= max && NAME.matcher(v).matches(),
        "Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length between 1"
            + " and "
            + max);
    return v;
  }

  static Optional<String> optionalName(QueryInput in, String member, int max) {
    return in.optional(member).isPresent() ? Optional.of(name(in, member, max)) : Optional.empty();
  }

  /** A path: {@code /} or {@code /a/b/}, at most 512 characters; default {@code /}. */
  static String path(QueryInput in, String member) {
    String v = in.optional(member).orElse("/");
    check(
        member,
        v,
        v.length() <= 512 && PATH.matcher(v).matches(),
        "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    return v;
  }

  /** An identity-policy document, parsed to make sure it is one. */
  static String identityPolicy(QueryInput in, String member) {
    String doc = in.required(member);
    PolicyParser.parse(doc, PolicyKind.IDENTITY);
    return doc;
  }

  /** A role trust policy document, parsed to make sure it is one. */
  static String trustPolicy(QueryInput in, String member) {
    String doc = in.required(member);
    PolicyParser.parse(doc, PolicyKind.TRUST);
    return doc;
  }

  /** {@code Tags.member.N.Key} / {@code .Value}, at most 50. */
  static List<IamTag> tags(QueryInput in) {
    List<IamTag> out = new ArrayList<>();
    for (Map<String, String> t : in.structures("Tags")) {
      String key = t.get("Key");
      String value = t.getOrDefault("Value", "");
      if (key == null || key.isEmpty() || key.length() > 128 || value.length() > 256) {
        throw new ValidationException(
            "1 validation error detected: Value at 'tags' failed to satisfy constraint: each tag"
                + " needs a Key of 1 to 128 characters and a Value of at most 256.");
      }
      out.add(new IamTag(key, value));
    }
    if (out.size() > MAX_TAGS) {
      throw new ValidationException(
          "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must"
              + " have length less than or equal to "
              + MAX_TAGS);
    }
    return out;
  }

  /** An integer member within bounds, or {@code dflt} when absent. */
  static int integer(QueryInput in, String member, int dflt, int min, int max) {
    Optional<String> v = in.optional(member);
    if (v.isEmpty()) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.get().trim());
    } catch (NumberFormatException e) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + v.get()
              + "' at '"
              + lower(member)
              + "' failed to satisfy constraint: Member must be a number");
    }
    if (n < min) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + n
              + "' at '"
              + lower(member)
              + "' failed to satisfy constraint: Member must have value greater than or equal to "
              + min);
    }
    if (n > max) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + n
              + "' at '"
              + lower(member)
              + "' failed to satisfy constraint: Member must have value less than or equal to "
              + max);
    }
    return n;
  }

  private static void check(String member, String value, boolean ok, String constraint) {
    if (!ok) {
      throw new ValidationException(
          "1 validation error detected: Value '"
              + value
              + "' at '"
              + lower(member)
              + "' failed to satisfy constraint: "
              + constraint);
    }
  }

  static String lower(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }
}
