package dev.coffer.auth.sigv4;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The {@code X-Amz-Date} format, independently of the code under test. */
final class AmzDates {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private AmzDates() {}

  static String format(Instant time) {
    return FORMAT.format(time);
  }

  static Instant parse(String text) {
    return Instant.from(FORMAT.parse(text));
  }
}
