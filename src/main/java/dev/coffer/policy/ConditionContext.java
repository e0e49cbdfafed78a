package dev.coffer.policy;

import dev.coffer.policy.internal.Template;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The condition keys of one request and their values. Key names are case-insensitive, as IAM treats
 * them (compliance-and-iam.md §4.3 rule 4); values are strings, typed by the operator that reads
 * them. A key mapped to an empty list is treated as absent, which is what the set operators'
 * "missing or empty" rules need (§4.3 rule 3).
 *
 * <p>A context holds the keys given to it and, behind them, {@linkplain #withFallback fallbacks}
 * that produce the global keys of the request and of its principal only when a policy asks for
 * them: most requests are decided by policies that read a few keys or none, so building all twenty
 * or so of them (formatting the time, copying maps) for every request would be wasted.
 */
public final class ConditionContext implements Template.Lookup {
  private static final ConditionContext EMPTY = new ConditionContext(Map.of(), Map.of(), null);

  /** Keyed by lower-case name. */
  private final Map<String, List<String>> byLowerKey;

  /** Keyed by the name as supplied, for display. */
  private final Map<String, List<String>> asGiven;

  /** Asked, by lower-case name, for keys that were not given; null when there is none. */
  private final Template.@Nullable Lookup fallback;

  private ConditionContext(
      Map<String, List<String>> byLowerKey,
      Map<String, List<String>> given,
      Template.@Nullable Lookup fallback) {
    this.byLowerKey = byLowerKey;
    this.asGiven = given;
    this.fallback = fallback;
  }

  /** A context with no keys. */
  public static ConditionContext empty() {
    return EMPTY;
  }

  /**
   * A context holding {@code keys}. Two names differing only in case are the same key, so they may
   * not both appear.
   */
  public static ConditionContext of(Map<String, List<String>> keys) {
    Map<String, List<String>> lower = HashMap.newHashMap(keys.size());
    Map<String, List<String>> given = LinkedHashMap.newLinkedHashMap(keys.size());
    for (Map.Entry<String, List<String>> e : keys.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "key");
      List<String> values = List.copyOf(e.getValue());
      if (lower.put(name.toLowerCase(Locale.ROOT), values) != null) {
        throw new IllegalArgumentException("condition key given twice (keys ignore case): " + name);
      }
      given.put(name, values);
    }
    return new ConditionContext(
        Collections.unmodifiableMap(lower), Collections.unmodifiableMap(given), null);
  }

  /**
   * A copy that asks {@code more}, by lower-case key name, for keys that neither this context holds
   * nor its earlier fallbacks produce. {@code more} returns null for keys it does not know; what it
   * returns must not change between calls.
   */
  ConditionContext withFallback(Template.Lookup more) {
    Template.@Nullable Lookup first = fallback;
    Template.Lookup chained =
        first == null
            ? more
            : k -> {
              List<String> v = first.find(k);
              return v != null ? v : more.find(k);
            };
    return new ConditionContext(byLowerKey, asGiven, chained);
  }

  /** The values of {@code key} (any case), or empty when the key is absent or has no values. */
  public Optional<List<String>> values(String key) {
    return Optional.ofNullable(find(key.toLowerCase(Locale.ROOT)));
  }

  /** Hot-path lookup by an already lower-cased key; null when absent or empty. */
  @Override
  public @Nullable List<String> find(String lowerKey) {
    List<String> v = byLowerKey.get(lowerKey);
    if (v == null && fallback != null && !byLowerKey.containsKey(lowerKey)) {
      v = fallback.find(lowerKey);
    }
    return v == null || v.isEmpty() ? null : v;
  }

  /**
   * The keys given explicitly, with the spelling they were given in (the keys that fallbacks
   * produce on demand are not listed).
   */
  public Map<String, List<String>> asMap() {
    return asGiven;
  }

  @Override
  public String toString() {
    return asGiven.toString();
  }
}
