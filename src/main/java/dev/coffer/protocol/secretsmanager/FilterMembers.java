package dev.coffer.protocol.secretsmanager;

import dev.coffer.protocol.JsonInput;
import dev.coffer.secrets.SecretFilters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code Filters} member of ListSecrets and BatchGetSecretValue (FiltersListType, 0..10
 * Filter structures). The JSON structure is read here; the model's constraints on keys and values
 * are checked by {@link SecretFilters#fromRequest}, which reports them in the same validation
 * format.
 */
final class FilterMembers {
  private FilterMembers() {}

  /** The filters as sent, unchecked; empty when the member is absent. */
  static Optional<List<SecretFilters.Input>> read(JsonInput in) {
    Optional<List<JsonInput>> items = in.structList("Filters", 0, SecretFilters.MAX_FILTERS);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<SecretFilters.Input> out = new ArrayList<>();
    for (JsonInput f : items.get()) {
      String key = f.string("Key", 0, Integer.MAX_VALUE).orElse(null);
      List<String> values =
          f.stringList("Values", 0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE).orElse(null);
      out.add(new SecretFilters.Input(key, values == null ? null : new ArrayList<>(values)));
    }
    return Optional.of(out);
  }

  /** Checks filters read by {@link #read}; call after {@link JsonInput#validate()}. */
  static SecretFilters check(Optional<List<SecretFilters.Input>> filters) {
    return filters.map(SecretFilters::fromRequest).orElse(SecretFilters.none());
  }
}
