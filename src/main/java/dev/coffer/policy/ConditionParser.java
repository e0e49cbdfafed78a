package dev.coffer.policy;

import static dev.coffer.policy.PolicyParser.fail;

import dev.coffer.policy.internal.JsonValue;
import dev.coffer.policy.internal.JsonValue.JObject;
import dev.coffer.policy.internal.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Parses a Condition block into compiled {@link Condition} entries (§4.1, §4.3). */
final class ConditionParser {
  private ConditionParser() {}

  static List<Condition> parse(@Nullable JsonValue block, String label, boolean variables) {
    if (block == null) {
      return List.of();
    }
    if (!(block instanceof JObject obj)) {
      throw fail(block, label + ": Condition must be an object, not a " + block.typeName());
    }
    List<Condition> out = new ArrayList<>();
    for (Map.Entry<String, JsonValue> op : obj.members().entrySet()) {
      String where = label + ": Condition operator \"" + op.getKey() + "\"";
      Operator parsed =
          operator(op.getKey())
              .orElseThrow(() -> fail(op.getValue(), where + " is not a known condition operator"));
      if (!(op.getValue() instanceof JObject keys)) {
        throw fail(op.getValue(), where + " must map condition keys to values");
      }
      if (keys.members().isEmpty()) {
        throw fail(op.getValue(), where + " must not be an empty object");
      }
      Map<String, String> seen = new HashMap<>();
      for (Map.Entry<String, JsonValue> k : keys.members().entrySet()) {
        out.add(entry(parsed, k.getKey(), k.getValue(), where, variables, seen));
      }
    }
    return out;
  }

  private static Condition entry(
      Operator op,
      String key,
      JsonValue value,
      String where,
      boolean variables,
      Map<String, String> seen) {
    String element = where + ", key \"" + key + "\"";
    if (!validKey(key)) {
      throw fail(value, element + ": a condition key has the form \"prefix:name\"");
    }
    String previous = seen.put(key.toLowerCase(Locale.ROOT), key);
    if (previous != null) {
      // Keys are case-insensitive (§4.3 rule 4), so these would silently be the same key.
      throw fail(value, element + " repeats key \"" + previous + "\" with different case");
    }
    List<String> values = StatementParser.scalars(value, element);
    for (String v : values) {
      if (v.contains("${")) {
        if (!op.base().operandType().variablesAllowed()) {
          throw fail(value, element + ": policy variables cannot be used with this operator");
        }
        if (!variables) {
          throw fail(
              value,
              element
                  + ": value \""
                  + v
                  + "\" uses a policy variable; policy variables need \"Version\":"
                  + " \"2012-10-17\"");
        }
        try {
          Template.parse(v);
        } catch (IllegalArgumentException e) {
          throw fail(value, element + ": " + e.getMessage());
        }
      }
    }
    try {
      return new Condition(op.qualifier(), op.base(), op.ifExists(), key, values, variables);
    } catch (IllegalArgumentException e) {
      throw fail(value, element + ": " + e.getMessage());
    }
  }

  private static boolean validKey(String key) {
    int colon = key.indexOf(':');
    return colon > 0 && colon < key.length() - 1 && key.chars().noneMatch(Character::isWhitespace);
  }

  /** An operator split into its set qualifier, base operator and IfExists suffix. */
  record Operator(Condition.SetQualifier qualifier, ConditionOperator base, boolean ifExists) {}

  static Optional<Operator> operator(String name) {
    Condition.SetQualifier q = Condition.SetQualifier.NONE;
    String rest = name;
    for (Condition.SetQualifier candidate : Condition.SetQualifier.values()) {
      if (candidate != Condition.SetQualifier.NONE && rest.startsWith(candidate.prefix())) {
        q = candidate;
        rest = rest.substring(candidate.prefix().length());
      }
    }
    boolean ifExists = rest.endsWith("IfExists");
    if (ifExists) {
      rest = rest.substring(0, rest.length() - "IfExists".length());
    }
    Condition.SetQualifier qualifier = q;
    return ConditionOperator.byPolicyName(rest).map(b -> new Operator(qualifier, b, ifExists));
  }
}
