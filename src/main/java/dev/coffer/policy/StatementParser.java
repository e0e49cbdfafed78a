package dev.coffer.policy;

import static dev.coffer.policy.PolicyParser.fail;

import dev.coffer.policy.internal.JsonValue;
import dev.coffer.policy.internal.JsonValue.JArray;
import dev.coffer.policy.internal.JsonValue.JBool;
import dev.coffer.policy.internal.JsonValue.JNumber;
import dev.coffer.policy.internal.JsonValue.JObject;
import dev.coffer.policy.internal.JsonValue.JString;
import dev.coffer.policy.internal.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Parses one statement (compliance-and-iam.md §4.1); see {@link PolicyParser}. */
final class StatementParser {
  private static final Set<String> ELEMENTS =
      Set.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");

  private final PolicyKind kind;
  private final boolean variables;

  StatementParser(PolicyKind kind, boolean variables) {
    this.kind = kind;
    this.variables = variables;
  }

  Statement parse(JsonValue value, int index) {
    String label = "Statement " + (index + 1);
    if (!(value instanceof JObject obj)) {
      throw fail(value, label + " must be a JSON object, not a " + value.typeName());
    }
    Map<String, JsonValue> m = obj.members();
    Optional<String> sid = sid(m.get("Sid"), label);
    if (sid.isPresent()) {
      label = label + " (Sid \"" + sid.get() + "\")";
    }
    for (Map.Entry<String, JsonValue> e : m.entrySet()) {
      if (!ELEMENTS.contains(e.getKey())) {
        throw fail(e.getValue(), label + ": unknown element \"" + e.getKey() + "\"");
      }
    }
    Effect effect = effect(obj, label);
    Optional<PrincipalElement> principal = principal(obj, label);
    JsonValue action = exactlyOne(obj, "Action", "NotAction", label, true);
    ActionElement actions =
        actions(action == null ? obj : action, m.containsKey("NotAction"), label);
    JsonValue resource =
        exactlyOne(obj, "Resource", "NotResource", label, kind != PolicyKind.TRUST);
    Optional<ResourceElement> resources =
        resource == null
            ? Optional.empty()
            : Optional.of(resources(resource, m.containsKey("NotResource"), label));
    List<Condition> conditions = ConditionParser.parse(m.get("Condition"), label, variables);
    return new Statement(index, sid, effect, principal, actions, resources, conditions);
  }

  private Optional<String> sid(@Nullable JsonValue v, String label) {
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof JString s)) {
      throw fail(v, label + ": Sid must be a string, not a " + v.typeName());
    }
    // IAM requires alphanumeric Sids in identity policies; resource policies also allow spaces.
    if (kind == PolicyKind.IDENTITY && !s.value().chars().allMatch(Character::isLetterOrDigit)) {
      throw fail(v, label + ": Sid \"" + s.value() + "\" must be alphanumeric");
    }
    return Optional.of(s.value());
  }

  private static Effect effect(JObject obj, String label) {
    JsonValue v = obj.members().get("Effect");
    if (v == null) {
      throw fail(obj, label + ": missing Effect");
    }
    if (v instanceof JString s) {
      for (Effect e : Effect.values()) {
        if (e.policyName().equals(s.value())) {
          return e;
        }
      }
      throw fail(v, label + ": Effect must be \"Allow\" or \"Deny\", not \"" + s.value() + "\"");
    }
    throw fail(v, label + ": Effect must be a string, not a " + v.typeName());
  }

  private static @Nullable JsonValue exactlyOne(
      JObject obj, String name, String notName, String label, boolean required) {
    JsonValue a = obj.members().get(name);
    JsonValue b = obj.members().get(notName);
    if (a != null && b != null) {
      throw fail(b, label + ": cannot have both " + name + " and " + notName);
    }
    if (a == null && b == null && required) {
      throw fail(obj, label + ": missing " + name + " or " + notName);
    }
    return a != null ? a : b;
  }

  private Optional<PrincipalElement> principal(JObject obj, String label) {
    JsonValue p = obj.members().get("Principal");
    JsonValue np = obj.members().get("NotPrincipal");
    if (p != null && np != null) {
      throw fail(np, label + ": cannot have both Principal and NotPrincipal");
    }
    JsonValue v = p != null ? p : np;
    if (v == null) {
      if (kind.requiresPrincipal()) {
        throw fail(obj, label + ": missing Principal (required in a " + kindName() + " policy)");
      }
      return Optional.empty();
    }
    String element = p != null ? "Principal" : "NotPrincipal";
    if (!kind.requiresPrincipal()) {
      throw fail(v, label + ": an identity-based policy must not specify a " + element);
    }
    return Optional.of(PrincipalParser.parse(v, np != null, label + ": " + element));
  }

  private String kindName() {
    return switch (kind) {
      case IDENTITY -> "identity-based";
      case RESOURCE -> "resource-based";
      case KEY -> "key";
      case TRUST -> "trust";
    };
  }

  private static ActionElement actions(JsonValue v, boolean negated, String label) {
    String element = negated ? "NotAction" : "Action";
    List<String> values = strings(v, label + ": " + element);
    for (String a : values) {
      if (!a.equals("*") && !validAction(a)) {
        throw fail(
            v,
            label
                + ": "
                + element
                + " \""
                + a
                + "\" must be \"*\" or have the form \"service:action\", e.g."
                + " \"secretsmanager:GetSecretValue\"");
      }
    }
    return new ActionElement(negated, values);
  }

  private static boolean validAction(String a) {
    int colon = a.indexOf(':');
    if (colon <= 0 || colon == a.length() - 1 || a.indexOf(':', colon + 1) >= 0) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      char c = a.charAt(i);
      boolean ok =
          Character.isLetterOrDigit(c) || c == '*' || c == '?' || c == '-' || c == '_' || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private ResourceElement resources(JsonValue v, boolean negated, String label) {
    String element = label + ": " + (negated ? "NotResource" : "Resource");
    List<String> values = strings(v, element);
    for (String r : values) {
      if (r.equals("*")) {
        continue;
      }
      if (!r.startsWith("arn:") || r.split(":", -1).length < 3) {
        throw fail(v, element + " \"" + r + "\" must be \"*\" or an ARN");
      }
      checkVariables(v, element, r);
      if (variables && r.contains("${")) {
        // §4.4: variables are allowed only in the resource part, after the fifth colon.
        String[] parts = r.split(":", 6);
        for (int i = 0; i < Math.min(parts.length, 5); i++) {
          if (parts[i].contains("${")) {
            throw fail(
                v,
                element
                    + " \""
                    + r
                    + "\": policy variables are allowed only in the resource part of an ARN");
          }
        }
      }
    }
    return new ResourceElement(negated, values, variables);
  }

  /**
   * §4.4: variables need Version 2012-10-17; IAM refuses a document that uses them otherwise. Under
   * 2012-10-17 the variable syntax itself must be well formed.
   */
  private void checkVariables(JsonValue at, String element, String value) {
    if (!value.contains("${")) {
      return;
    }
    if (!variables) {
      throw fail(
          at,
          element
              + " \""
              + value
              + "\" uses a policy variable; policy variables need \"Version\": \"2012-10-17\"");
    }
    try {
      Template.parse(value);
    } catch (IllegalArgumentException e) {
      throw fail(at, element + " \"" + value + "\": " + e.getMessage());
    }
  }

  /** A string or a non-empty array of strings. */
  static List<String> strings(JsonValue v, String element) {
    if (v instanceof JString s) {
      return List.of(s.value());
    }
    if (v instanceof JArray a) {
      if (a.items().isEmpty()) {
        throw fail(v, element + " must not be an empty list");
      }
      List<String> out = new ArrayList<>(a.items().size());
      for (JsonValue item : a.items()) {
        if (!(item instanceof JString s)) {
          throw fail(item, element + " entries must be strings, not a " + item.typeName());
        }
        out.add(s.value());
      }
      return out;
    }
    throw fail(v, element + " must be a string or a list of strings, not a " + v.typeName());
  }

  /** Condition values: strings, or numbers and booleans taken as their JSON text (§4.1). */
  static List<String> scalars(JsonValue v, String element) {
    List<JsonValue> items = v instanceof JArray a ? a.items() : List.of(v);
    if (items.isEmpty()) {
      throw fail(v, element + " must not be an empty list");
    }
    List<String> out = new ArrayList<>(items.size());
    for (JsonValue item : items) {
      switch (item) {
        case JString s -> out.add(s.value());
        case JNumber n -> out.add(n.text());
        case JBool b -> out.add(Boolean.toString(b.value()));
        default -> throw fail(item, element + " values must be strings, numbers or booleans");
      }
    }
    return out;
  }

  static Map<String, List<String>> orderedMap() {
    return new LinkedHashMap<>();
  }
}
