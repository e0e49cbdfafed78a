package dev.coffer.kms;

import java.util.Objects;

/** A tag on a KMS key as the API carries it ({@code TagKey}/{@code TagValue}). */
public record KeyTag(String key, String value) {
  public KeyTag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
