package dev.coffer.policy;

import dev.coffer.policy.internal.ArnPattern;
import dev.coffer.policy.internal.StringValues;
import dev.coffer.policy.internal.Template;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A statement's Resource or NotResource element (compliance-and-iam.md §4.2). {@code "*"} alone
 * matches every resource; otherwise each entry is matched against the ARN component by component,
 * case-sensitively, with the resource component spanning any further colons. Entries may hold
 * policy variables, resolved per request; an entry whose variable has no value matches nothing
 * (§4.4).
 */
public final class ResourceElement {
  private final boolean negated;
  private final List<String> values;
  private final Template[] templates;

  /** Per entry: the compiled pattern when it has no variables, else null. */
  private final @Nullable ArnPattern[] compiled;

  /**
   * Per entry with variables: a precompiled filter over the static part (components 1-5, which the
   * parser keeps free of variables, plus the literal start of the resource component), so that most
   * non-matching entries are rejected without resolving variables on the request path.
   */
  private final @Nullable Prefilter[] prefilters;

  private final boolean everything;

  private record Prefilter(ArnPattern head, String resourcePrefix) {
    boolean mayMatch(String arn) {
      if (!head.matches(arn)) {
        return false;
      }
      int start = 0;
      for (int i = 0; i < ArnPattern.COMPONENTS - 1; i++) {
        start = arn.indexOf(':', start) + 1;
      }
      return arn.startsWith(resourcePrefix, start);
    }

    static @Nullable Prefilter of(String source) {
      String[] parts = ArnPattern.split(source);
      if (parts.length < ArnPattern.COMPONENTS) {
        return null;
      }
      String last = parts[ArnPattern.COMPONENTS - 1];
      int stop = last.length();
      for (int i = 0; i < last.length(); i++) {
        char c = last.charAt(i);
        if (c == '*' || c == '?' || c == '$') {
          stop = i;
          break;
        }
      }
      String head =
          String.join(":", java.util.Arrays.copyOf(parts, ArnPattern.COMPONENTS - 1)) + ":*";
      return new Prefilter(ArnPattern.compile(head, false), last.substring(0, stop));
    }
  }

  ResourceElement(boolean negated, List<String> values, boolean variables) {
    this.negated = negated;
    this.values = List.copyOf(values);
    this.templates = new Template[values.size()];
    this.compiled = new ArnPattern[values.size()];
    this.prefilters = new Prefilter[values.size()];
    boolean all = false;
    for (int i = 0; i < templates.length; i++) {
      String v = values.get(i);
      templates[i] = variables ? Template.parse(v) : Template.plain(v);
      if (v.equals("*")) {
        all = true;
      }
      if (!templates[i].hasVariables()) {
        compiled[i] = StringValues.arnPattern(templates[i], key -> null).orElseThrow();
      } else {
        prefilters[i] = Prefilter.of(v);
      }
    }
    this.everything = all;
  }

  /** True for NotResource. */
  public boolean negated() {
    return negated;
  }

  /** The entries as written. */
  public List<String> values() {
    return values;
  }

  /** True for an Resource element containing {@code "*"}. */
  public boolean coversEverything() {
    return everything && !negated;
  }

  /** Whether the statement covers {@code resourceArn}. */
  boolean covers(String resourceArn, ConditionContext context) {
    return negated != anyEntryMatches(resourceArn, context);
  }

  private boolean anyEntryMatches(String arn, ConditionContext context) {
    if (everything) {
      return true;
    }
    for (int i = 0; i < templates.length; i++) {
      ArnPattern p = compiled[i];
      if (p == null) {
        Prefilter f = prefilters[i];
        if (f != null && !f.mayMatch(arn)) {
          continue;
        }
        Optional<ArnPattern> resolved = StringValues.arnPattern(templates[i], context);
        if (resolved.isEmpty()) {
          continue;
        }
        p = resolved.get();
      }
      if (p.matches(arn)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return (negated ? "NotResource=" : "Resource=") + values;
  }
}
