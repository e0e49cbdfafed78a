package dev.coffer.store;

import java.util.Objects;

/** A key/value tag on a resource; keys are case-sensitive. */
public record Tag(String key, String value) {
  public Tag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
