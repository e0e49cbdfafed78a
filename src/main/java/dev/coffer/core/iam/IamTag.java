package dev.coffer.core.iam;

import java.util.Objects;

/** A tag on a user or role: key and value. */
public record IamTag(String key, String value) {
  public IamTag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
