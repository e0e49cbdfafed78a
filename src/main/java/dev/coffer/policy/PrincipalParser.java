package dev.coffer.policy;

import static dev.coffer.policy.PolicyParser.fail;

import dev.coffer.policy.internal.JsonValue;
import dev.coffer.policy.internal.JsonValue.JObject;
import dev.coffer.policy.internal.JsonValue.JString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses a Principal or NotPrincipal element (compliance-and-iam.md §4.1, §4.2). */
final class PrincipalParser {
  private PrincipalParser() {}

  static PrincipalElement parse(JsonValue v, boolean negated, String element) {
    if (v instanceof JString s) {
      if (!s.value().equals("*")) {
        throw fail(
            v,
            element
                + " must be \"*\" or an object such as {\"AWS\": \"123456789012\"}, not \""
                + s.value()
                + "\"");
      }
      return new PrincipalElement(negated, true, Map.of());
    }
    if (!(v instanceof JObject obj)) {
      throw fail(v, element + " must be \"*\" or an object, not a " + v.typeName());
    }
    if (obj.members().isEmpty()) {
      throw fail(v, element + " must not be an empty object");
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : obj.members().entrySet()) {
      String type = e.getKey();
      if (!PrincipalElement.TYPES.contains(type)) {
        throw fail(
            e.getValue(),
            element
                + " has an invalid principal type \""
                + type
                + "\"; use AWS, Service, Federated or CanonicalUser");
      }
      List<String> list = StatementParser.strings(e.getValue(), element + " " + type);
      for (String p : list) {
        if (!valid(type, p)) {
          throw fail(e.getValue(), "Invalid principal in policy: \"" + type + "\":\"" + p + "\"");
        }
      }
      values.put(type, list);
    }
    return new PrincipalElement(negated, false, values);
  }

  private static boolean valid(String type, String p) {
    if (p.isEmpty() || p.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    if (!type.equals("AWS")) {
      return true;
    }
    if (p.equals("*") || PrincipalElement.isAccountId(p)) {
      return true;
    }
    // arn:PARTITION:iam|sts::ACCOUNT:RESOURCE, the account being 12 digits (or "*", which only
    // ever matches literally but which access analysis must see to report it as public).
    String[] parts = p.split(":", 6);
    return parts.length == 6
        && parts[0].equals("arn")
        && !parts[1].isEmpty()
        && (parts[2].equals("iam") || parts[2].equals("sts"))
        && parts[3].isEmpty()
        && (PrincipalElement.isAccountId(parts[4]) || parts[4].equals("*"))
        && !parts[5].isEmpty();
  }
}
