package dev.coffer.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A compiled IAM wildcard pattern: {@code *} matches any run of characters (including none) and
 * {@code ?} exactly one (compliance-and-iam.md §4.2 and §4.3, StringLike/ArnLike/Action/Resource).
 *
 * <p>Matching never backtracks across stars: the pattern is split at each {@code *} into chunks,
 * the first chunk is anchored at the start, the last at the end, and each middle chunk is placed at
 * its leftmost possible position. Leftmost placement is always safe for glob patterns, so matching
 * costs at most {@code O(input × pattern)} with no exponential blow-up on hostile patterns such as
 * {@code a*a*a*a*b}.
 *
 * <p>Characters that came from policy-variable values or from the escapes {@code ${*}} and {@code
 * ${?}} are literal: they are added with {@link Builder#literal} and never act as wildcards.
 */
public final class Glob {
  private static final int ANY_ONE = -1;

  /** Pattern text split at stars, one UTF-16 unit per slot; {@link #ANY_ONE} is a wildcard '?'. */
  private final int[][] chunks;

  private final boolean hasStar;
  private final boolean ignoreCase;
  private final String source;

  private Glob(List<int[]> chunks, boolean hasStar, boolean ignoreCase, String source) {
    this.chunks = chunks.toArray(new int[0][]);
    this.hasStar = hasStar;
    this.ignoreCase = ignoreCase;
    this.source = source;
  }

  /** Compiles a case-sensitive pattern in which {@code *} and {@code ?} are wildcards. */
  public static Glob compile(String pattern) {
    return builder(false).pattern(pattern).build();
  }

  /** Compiles a pattern that ignores case (ASCII and Unicode simple case folding). */
  public static Glob compileIgnoreCase(String pattern) {
    return builder(true).pattern(pattern).build();
  }

  /** Starts a pattern assembled from wildcard text and literal text. */
  public static Builder builder(boolean ignoreCase) {
    return new Builder(ignoreCase);
  }

  /** True if this pattern is a lone {@code *}, which matches everything. */
  public boolean matchesEverything() {
    return hasStar && chunks.length == 2 && chunks[0].length == 0 && chunks[1].length == 0;
  }

  /** True if the pattern contains a wildcard ({@code *} or {@code ?}). */
  public boolean hasWildcard() {
    if (hasStar) {
      return true;
    }
    for (int c : chunks[0]) {
      if (c == ANY_ONE) {
        return true;
      }
    }
    return false;
  }

  /** Whether the whole of {@code s} matches. */
  public boolean matches(String s) {
    return matches(s, 0, s.length());
  }

  /** Whether {@code s[start, end)} matches, without copying it. */
  public boolean matches(String s, int start, int end) {
    if (!hasStar) {
      int[] only = chunks[0];
      return only.length == end - start && chunkAt(only, s, start);
    }
    int[] first = chunks[0];
    int[] last = chunks[chunks.length - 1];
    if (end - start < first.length + last.length) {
      return false;
    }
    if (!chunkAt(first, s, start) || !chunkAt(last, s, end - last.length)) {
      return false;
    }
    int from = start + first.length;
    int limit = end - last.length;
    for (int i = 1; i < chunks.length - 1; i++) {
      int at = find(chunks[i], s, from, limit);
      if (at < 0) {
        return false;
      }
      from = at + chunks[i].length;
    }
    return true;
  }

  private int find(int[] chunk, String s, int from, int limit) {
    for (int at = from; at + chunk.length <= limit; at++) {
      if (chunkAt(chunk, s, at)) {
        return at;
      }
    }
    return -1;
  }

  private boolean chunkAt(int[] chunk, String s, int at) {
    for (int i = 0; i < chunk.length; i++) {
      int p = chunk[i];
      if (p == ANY_ONE) {
        continue;
      }
      char c = s.charAt(at + i);
      if (ignoreCase ? !sameIgnoringCase(p, c) : p != c) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameIgnoringCase(int lowerPattern, char c) {
    return lowerPattern == c || lowerPattern == Character.toLowerCase(c);
  }

  @Override
  public String toString() {
    return source;
  }

  /** Assembles a pattern from wildcard text and literal text. */
  public static final class Builder {
    private final boolean ignoreCase;
    private final List<int[]> chunks = new ArrayList<>(4);
    private int[] current = new int[32];
    private int length;
    private final StringBuilder source = new StringBuilder();
    private boolean hasStar;

    private Builder(boolean ignoreCase) {
      this.ignoreCase = ignoreCase;
    }

    /** Appends text in which {@code *} and {@code ?} are wildcards. */
    public Builder pattern(String text) {
      source.append(text);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '*') {
          chunks.add(java.util.Arrays.copyOf(current, length));
          length = 0;
          hasStar = true;
        } else if (c == '?') {
          add(ANY_ONE);
        } else {
          appendLiteral(c);
        }
      }
      return this;
    }

    /** Appends text matched character for character, wildcards included. */
    public Builder literal(String text) {
      source.append(text);
      for (int i = 0; i < text.length(); i++) {
        appendLiteral(text.charAt(i));
      }
      return this;
    }

    private void appendLiteral(char c) {
      add(ignoreCase ? Character.toLowerCase(c) : c);
    }

    private void add(int unit) {
      if (length == current.length) {
        current = java.util.Arrays.copyOf(current, length * 2);
      }
      current[length++] = unit;
    }

    /** The compiled pattern. */
    public Glob build() {
      List<int[]> all = new ArrayList<>(chunks);
      all.add(java.util.Arrays.copyOf(current, length));
      String src = ignoreCase ? source.toString().toLowerCase(Locale.ROOT) : source.toString();
      return new Glob(all, hasStar, ignoreCase, src);
    }
  }
}
