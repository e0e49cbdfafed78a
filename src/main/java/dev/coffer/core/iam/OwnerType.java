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

  /** The owner type of a stored {@link #column()} value. */
  public static OwnerType ofColumn(String column) {
    return valueOf(column.toUpperCase(Locale.ROOT));
  }
}
