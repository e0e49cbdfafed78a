package dev.coffer.policy.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses the date forms the Date condition operators accept (compliance-and-iam.md §4.3: "W3C
 * ISO-8601 or epoch seconds"): {@code 2020-01-01}, {@code 2020-01-01T00:00:00Z}, with fractional
 * seconds or an offset, without seconds ({@code 2020-01-01T00:00Z}), and epoch seconds (optionally
 * fractional). A date-time without an offset is read as UTC.
 */
public final class DateValue {
  private DateValue() {}

  /** The instant {@code text} denotes, or empty if it is not a supported date form. */
  public static Optional<Instant> parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (isEpoch(s)) {
      try {
        BigDecimal secs = new BigDecimal(s);
        long whole = secs.longValue();
        int nanos = secs.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Optional.of(Instant.ofEpochSecond(whole, nanos));
      } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException e) {
        return Optional.empty();
      }
    }
    try {
      if (s.length() == 10) {
        return Optional.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      char last = s.charAt(s.length() - 1);
      boolean zoned = last == 'Z' || last == 'z' || hasOffset(s);
      if (zoned) {
        return Optional.of(OffsetDateTime.parse(s.replace('z', 'Z')).toInstant());
      }
      return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static boolean isEpoch(String s) {
    int dots = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        dots++;
      } else if ((c < '0' || c > '9') && !(i == 0 && c == '-')) {
        return false;
      }
    }
    return dots <= 1;
  }

  /** An offset such as {@code +02:00} after the time part. */
  private static boolean hasOffset(String s) {
    int t = s.indexOf('T');
    if (t < 0) {
      t = s.indexOf('t');
    }
    return t > 0 && (s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0);
  }
}
