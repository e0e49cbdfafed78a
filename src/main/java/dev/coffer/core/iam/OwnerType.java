package dev.coffer.core.iam;

import java.util.Locale;

/** What an inline policy, attachment or tag belongs to. */
public enum OwnerType {
  USER,
  GROUP,
  ROLE;

  /** The stored form: {@code user}, {@code group}, {@code role}. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }
}
