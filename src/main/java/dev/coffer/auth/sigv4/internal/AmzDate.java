package dev.coffer.auth.sigv4.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The ISO 8601 basic timestamp {@code yyyyMMdd'T'HHmmss'Z'} of {@code X-Amz-Date}, and the RFC 1123
 * {@code Date} header SigV4 accepts in its place.
 */
public final class AmzDate {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private AmzDate() {}

  /** {@code time} (truncated to seconds) as {@code yyyyMMdd'T'HHmmss'Z'}. */
  public static String format(Instant time) {
    return FORMAT.format(time);
  }

  /**
   * Parses {@code yyyyMMdd'T'HHmmss'Z'} by hand: this runs on every request, and a formatter parse
   * allocates a parsed-field map each time.
   */
  public static Optional<Instant> parse(String text) {
    if (text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
      return Optional.empty();
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 4, 6);
    int day = digits(text, 6, 8);
    int hour = digits(text, 9, 11);
    int minute = digits(text, 11, 13);
    int second = digits(text, 13, 15);
    if ((year | month | day | hour | minute | second) < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Parses an HTTP {@code Date} header (RFC 1123 form, as RFC 9110 §5.6.7 prefers). */
  public static Optional<Instant> parseHttpDate(String text) {
    try {
      return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text.trim())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The decimal value of {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
