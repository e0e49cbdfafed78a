package dev.coffer.policy.internal;

/**
 * Matches ARNs one colon-delimited component at a time (compliance-and-iam.md §4.2): the first five
 * components ({@code arn}, partition, service, region, account) each match on their own, and the
 * sixth, the resource, matches the whole remainder, colons included. A wildcard therefore never
 * spans a component boundary except inside the resource part, which is what separates {@code
 * ArnLike} from {@code StringLike}.
 */
public final class ArnPattern {
  /** Number of components in an ARN. */
  public static final int COMPONENTS = 6;

  private final Glob[] parts;

  private ArnPattern(Glob[] parts) {
    this.parts = parts;
  }

  /**
   * Compiles an ARN pattern whose components are given already split. Fewer than six components are
   * allowed: the last given one then matches the remainder of the ARN.
   */
  public static ArnPattern of(Glob[] parts) {
    if (parts.length == 0 || parts.length > COMPONENTS) {
      throw new IllegalArgumentException("an ARN pattern has 1 to 6 components");
    }
    return new ArnPattern(parts.clone());
  }

  /** Compiles {@code pattern} (wildcards active) split at its first five colons. */
  public static ArnPattern compile(String pattern, boolean ignoreCase) {
    String[] split = split(pattern);
    Glob[] globs = new Glob[split.length];
    for (int i = 0; i < split.length; i++) {
      globs[i] = Glob.builder(ignoreCase).pattern(split[i]).build();
    }
    return new ArnPattern(globs);
  }

  /** Splits at the first five colons; the sixth piece keeps any further colons. */
  public static String[] split(String s) {
    String[] out = s.split(":", COMPONENTS);
    return out;
  }

  /** Whether {@code s} has the six components of an ARN and starts with {@code arn:}. */
  public static boolean isArn(String s) {
    if (!s.startsWith("arn:")) {
      return false;
    }
    int colons = 0;
    for (int i = 0; i < s.length() && colons < COMPONENTS - 1; i++) {
      if (s.charAt(i) == ':') {
        colons++;
      }
    }
    return colons == COMPONENTS - 1;
  }

  /** Whether {@code arn} matches, component by component, without allocating. */
  public boolean matches(String arn) {
    int start = 0;
    for (int i = 0; i < parts.length; i++) {
      boolean last = i == parts.length - 1;
      int end = last ? arn.length() : arn.indexOf(':', start);
      if (end < 0) {
        return false;
      }
      if (!parts[i].matches(arn, start, end)) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }
}
