package dev.coffer.kms;

import dev.coffer.core.error.LimitExceededException;
import dev.coffer.core.error.TagException;
import dev.coffer.store.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Tag rules for KMS keys: case-sensitive keys, a new value replaces the old one, 50 at most. */
final class KeyTags {
  /** KMS quota "Tags per KMS key". */
  static final int MAX_TAGS = 50;

  private KeyTags() {}

  static List<Tag> merge(List<Tag> current, List<KeyTag> added) {
    Set<String> seen = new HashSet<>();
    for (KeyTag t : added) {
      if (t.key().startsWith("aws:")) {
        throw new TagException("Tag keys beginning with aws: are reserved for AWS use.");
      }
      if (!seen.add(t.key())) {
        throw new TagException("The tag key " + t.key() + " appears more than once.");
      }
    }
    List<Tag> out = new ArrayList<>();
    for (Tag t : current) {
      out.add(
          added.stream()
              .filter(a -> a.key().equals(t.key()))
              .findFirst()
              .map(a -> new Tag(a.key(), a.value()))
              .orElse(t));
    }
    for (KeyTag a : added) {
      if (out.stream().noneMatch(t -> t.key().equals(a.key()))) {
        out.add(new Tag(a.key(), a.value()));
      }
    }
    if (out.size() > MAX_TAGS) {
      throw new LimitExceededException(
          "A KMS key can have at most "
              + MAX_TAGS
              + " tags; this request would give it "
              + out.size()
              + ".");
    }
    return out;
  }
}
