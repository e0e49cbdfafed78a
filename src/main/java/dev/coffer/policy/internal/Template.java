package dev.coffer.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A policy string that may contain policy variables (compliance-and-iam.md §4.4): {@code ${key}}
 * for a request-context key, {@code ${key, 'default'}} with a fallback, and the escapes {@code
 * ${*}}, {@code ${?}} and {@code ${$}} for a literal {@code *}, {@code ?} and {@code $}.
 *
 * <p>Text outside variables keeps its wildcard meaning; escapes and substituted values are literal
 * (the escapes exist precisely so a policy can say "a real asterisk here").
 */
public final class Template {

  /** One piece of a template. */
  sealed interface Part permits Text, Escape, Variable {}

  /** Policy text, in which wildcards keep their meaning. */
  record Text(String text) implements Part {}

  /** A literal character written as {@code ${*}}, {@code ${?}} or {@code ${$}}. */
  record Escape(String text) implements Part {}

  /**
   * A variable; {@code lowerKey} is the context key in lower case, as keys are case-insensitive.
   */
  record Variable(String lowerKey, @Nullable String fallback) implements Part {}

  private final String source;
  private final List<Part> parts;
  private final boolean hasVariables;

  private Template(String source, List<Part> parts, boolean hasVariables) {
    this.source = source;
    this.parts = List.copyOf(parts);
    this.hasVariables = hasVariables;
  }

  /** A template whose text is taken literally: used where variables are not enabled. */
  public static Template plain(String source) {
    return new Template(source, List.of(new Text(source)), false);
  }

  /**
   * Parses the variables in {@code source}.
   *
   * @throws IllegalArgumentException naming the problem when a {@code ${} is malformed
   */
  public static Template parse(String source) {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    boolean vars = false;
    int i = 0;
    while (i < source.length()) {
      int open = source.indexOf("${", i);
      if (open < 0) {
        text.append(source, i, source.length());
        break;
      }
      text.append(source, i, open);
      int close = source.indexOf('}', open + 2);
      if (close < 0) {
        throw new IllegalArgumentException("policy variable is missing its closing brace");
      }
      String body = source.substring(open + 2, close);
      if (!text.isEmpty()) {
        parts.add(new Text(text.toString()));
        text.setLength(0);
      }
      if (body.equals("*") || body.equals("?") || body.equals("$")) {
        parts.add(new Escape(body));
      } else {
        parts.add(variable(body));
        vars = true;
      }
      i = close + 1;
    }
    if (!text.isEmpty()) {
      parts.add(new Text(text.toString()));
    }
    return new Template(source, parts, vars);
  }

  private static Variable variable(String body) {
    String key = body;
    String fallback = null;
    int comma = body.indexOf(',');
    if (comma >= 0) {
      key = body.substring(0, comma);
      String rest = body.substring(comma + 1).strip();
      if (rest.length() < 2 || rest.charAt(0) != '\'' || rest.charAt(rest.length() - 1) != '\'') {
        throw new IllegalArgumentException(
            "default value of policy variable ${" + body + "} must be in single quotes");
      }
      fallback = rest.substring(1, rest.length() - 1);
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException("policy variable name is empty");
    }
    for (int k = 0; k < key.length(); k++) {
      char c = key.charAt(k);
      if (Character.isWhitespace(c)) {
        throw new IllegalArgumentException("policy variable ${" + body + "} contains a space");
      }
    }
    return new Variable(key.toLowerCase(Locale.ROOT), fallback);
  }

  /** The pieces, in order. */
  List<Part> parts() {
    return parts;
  }

  /** The text as written in the policy. */
  public String source() {
    return source;
  }

  /** True if at least one {@code ${key}} needs a value from the request. */
  public boolean hasVariables() {
    return hasVariables;
  }

  /** True if the template contains any {@code ${...}} construct, escapes included. */
  public boolean usesVariableSyntax() {
    return hasVariables || parts.stream().anyMatch(p -> p instanceof Escape);
  }

  /**
   * The text with variables substituted, for exact comparisons. Empty when a variable has no value
   * and no default: §4.4, such an entry matches nothing.
   */
  public Optional<String> resolve(Lookup lookup) {
    StringBuilder sb = new StringBuilder(source.length() + 16);
    for (Part p : parts) {
      switch (p) {
        case Text t -> sb.append(t.text());
        case Escape e -> sb.append(e.text());
        case Variable v -> {
          String value = valueOf(v, lookup);
          if (value == null) {
            return Optional.empty();
          }
          sb.append(value);
        }
      }
    }
    return Optional.of(sb.toString());
  }

  /** The template as a wildcard pattern with variables substituted as literal text. */
  public Optional<Glob> resolveGlob(Lookup lookup, boolean ignoreCase) {
    Glob.Builder b = Glob.builder(ignoreCase);
    for (Part p : parts) {
      switch (p) {
        case Text t -> b.pattern(t.text());
        case Escape e -> b.literal(e.text());
        case Variable v -> {
          String value = valueOf(v, lookup);
          if (value == null) {
            return Optional.empty();
          }
          b.literal(value);
        }
      }
    }
    return Optional.of(b.build());
  }

  /** A single-valued key substitutes its value; absent or multi-valued keys use the default. */
  static @Nullable String valueOf(Variable v, Lookup lookup) {
    List<String> values = lookup.find(v.lowerKey());
    if (values != null && values.size() == 1) {
      return values.get(0);
    }
    return v.fallback();
  }

  /** Finds request-context values by lower-case key; null when the key is absent. */
  @FunctionalInterface
  public interface Lookup {
    @Nullable List<String> find(String lowerKey);
  }

  @Override
  public String toString() {
    return source;
  }
}
