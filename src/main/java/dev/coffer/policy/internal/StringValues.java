package dev.coffer.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * String and ARN operands. Values without variables are compiled once; values with variables are
 * resolved against the request on each evaluation, with substituted text taken literally.
 */
public final class StringValues extends ValueSet {
  private final OperandType type;
  private final List<Template> templates;

  /** Per value: the precompiled form when it has no variables, else null. */
  private final Object[] compiled;

  private StringValues(OperandType type, List<Template> templates, Object[] compiled) {
    this.type = type;
    this.templates = templates;
    this.compiled = compiled;
  }

  static StringValues compile(OperandType type, List<String> values, boolean variables) {
    List<Template> templates = new ArrayList<>(values.size());
    Object[] compiled = new Object[values.size()];
    for (int i = 0; i < values.size(); i++) {
      Template t = variables ? Template.parse(values.get(i)) : Template.plain(values.get(i));
      templates.add(t);
      if (!t.hasVariables()) {
        compiled[i] = compileStatic(type, t);
      }
    }
    return new StringValues(type, List.copyOf(templates), compiled);
  }

  private static Object compileStatic(OperandType type, Template t) {
    return switch (type) {
      case STRING_EXACT, STRING_IGNORE_CASE -> t.resolve(key -> null).orElseThrow();
      case STRING_LIKE -> t.resolveGlob(key -> null, false).orElseThrow();
      case ARN -> arnPattern(t, key -> null).orElseThrow();
      default -> throw new IllegalStateException(type.name());
    };
  }

  /**
   * Builds the component matchers of an ARN pattern. Every colon up to the fifth separates
   * components, whether written in the policy or substituted from a variable (so {@code
   * ${aws:PrincipalArn}} compares component-wise); wildcards only count in policy text.
   */
  public static Optional<ArnPattern> arnPattern(Template t, Template.Lookup lookup) {
    List<Glob.Builder> parts = new ArrayList<>(ArnPattern.COMPONENTS);
    parts.add(Glob.builder(false));
    for (Template.Part p : t.parts()) {
      String text;
      boolean wild;
      switch (p) {
        case Template.Text tx -> {
          text = tx.text();
          wild = true;
        }
        case Template.Escape e -> {
          text = e.text();
          wild = false;
        }
        case Template.Variable v -> {
          String value = Template.valueOf(v, lookup);
          if (value == null) {
            return Optional.empty();
          }
          text = value;
          wild = false;
        }
      }
      appendArnText(parts, text, wild);
    }
    Glob[] globs = new Glob[parts.size()];
    for (int i = 0; i < globs.length; i++) {
      globs[i] = parts.get(i).build();
    }
    return Optional.of(ArnPattern.of(globs));
  }

  private static void appendArnText(List<Glob.Builder> parts, String text, boolean wild) {
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ':' && parts.size() < ArnPattern.COMPONENTS) {
        append(parts.get(parts.size() - 1), text.substring(from, i), wild);
        parts.add(Glob.builder(false));
        from = i + 1;
      }
    }
    append(parts.get(parts.size() - 1), text.substring(from), wild);
  }

  private static void append(Glob.Builder b, String text, boolean wild) {
    if (wild) {
      b.pattern(text);
    } else {
      b.literal(text);
    }
  }

  @Override
  public int match(String requestValue, Template.Lookup context) {
    if (type == OperandType.ARN && !ArnPattern.isArn(requestValue)) {
      return UNREADABLE; // ARN operators compare ARNs component-wise; anything else cannot match
    }
    for (int i = 0; i < compiled.length; i++) {
      Object c = compiled[i];
      if (c == null) {
        c = resolve(templates.get(i), context);
        if (c == null) {
          continue; // a variable without value: this entry matches nothing (§4.4)
        }
      }
      if (test(c, requestValue)) {
        return MATCH;
      }
    }
    return NO_MATCH;
  }

  private @org.jspecify.annotations.Nullable Object resolve(Template t, Template.Lookup context) {
    return switch (type) {
      case STRING_EXACT, STRING_IGNORE_CASE -> t.resolve(context).orElse(null);
      case STRING_LIKE -> t.resolveGlob(context, false).orElse(null);
      case ARN -> arnPattern(t, context).orElse(null);
      default -> null;
    };
  }

  private boolean test(Object policyValue, String requestValue) {
    return switch (type) {
      case STRING_EXACT -> policyValue.equals(requestValue);
      case STRING_IGNORE_CASE -> ((String) policyValue).equalsIgnoreCase(requestValue);
      case STRING_LIKE -> ((Glob) policyValue).matches(requestValue);
      case ARN -> ((ArnPattern) policyValue).matches(requestValue);
      default -> false;
    };
  }

  /** The values as written, for access analysis. */
  List<Template> templates() {
    return templates;
  }
}
