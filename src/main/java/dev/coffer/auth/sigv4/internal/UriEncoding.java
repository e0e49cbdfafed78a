package dev.coffer.auth.sigv4.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The URI encoding that SigV4 prescribes for the canonical URI and the canonical query string.
 *
 * <p>AWS SigV4 ("Create a canonical request", URI encoding rules): every byte of the UTF-8 form is
 * percent-encoded as {@code %XY} with upper-case hex digits, except the unreserved characters
 * {@code A-Z a-z 0-9 - _ . ~}; a space becomes {@code %20} (never {@code +}); {@code /} is kept
 * only in the path.
 */
public final class UriEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UriEncoding() {}

  /** Whether {@code b} (a byte value 0..255) is an RFC 3986 unreserved character. */
  static boolean isUnreserved(int b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '_'
        || b == '.'
        || b == '~';
  }

  /**
   * Appends the SigV4 encoding of {@code text}, taken literally (a {@code %} becomes {@code %25}).
   * Used for the path, which non-S3 services encode a second time over the client's own encoding.
   */
  public static void encodeLiteral(CharSequence text, boolean keepSlash, StringBuilder out) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        appendByte(c, keepSlash, out);
      } else {
        i = appendUtf8(text, i, keepSlash, out);
      }
    }
  }

  /** The SigV4 encoding of {@code text}, taken literally; see {@link #encodeLiteral}. */
  public static String encodeLiteral(CharSequence text, boolean keepSlash) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    encodeLiteral(text, keepSlash, out);
    return out.toString();
  }

  /**
   * Appends the SigV4 encoding of a query-string component as it was sent: {@code %XY} escapes are
   * decoded to their byte first, so {@code %E1%88%B4} and the raw character U+1234 canonicalize
   * alike. A {@code +} is kept literal (encoded as {@code %2B}): AWS SDKs never send {@code +} for
   * a space, so treating it as one would only hide differences. A malformed escape stays literal.
   */
  public static void encodeQueryComponent(String raw, int from, int to, StringBuilder out) {
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < to) {
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          appendByte((hi << 4) | lo, false, out);
          i += 2;
          continue;
        }
      }
      if (c < 0x80) {
        appendByte(c, false, out);
      } else {
        i = appendUtf8(raw, i, false, out);
      }
    }
  }

  /**
   * The decoded text of a query-string component ({@code %XY} escapes only, read as UTF-8). Used to
   * read the {@code X-Amz-*} parameters of a presigned request, not for canonicalization.
   */
  public static String decodeQueryComponent(String raw, int from, int to) {
    int percent = raw.indexOf('%', from);
    if (percent < 0 || percent >= to) {
      return raw.substring(from, to);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    int literalStart = from;
    for (int i = from; i < to; i++) {
      if (raw.charAt(i) == '%' && i + 2 < to) {
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          bytes.writeBytes(raw.substring(literalStart, i).getBytes(StandardCharsets.UTF_8));
          bytes.write((hi << 4) | lo);
          i += 2;
          literalStart = i + 1;
        }
      }
    }
    bytes.writeBytes(raw.substring(literalStart, to).getBytes(StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void appendByte(int b, boolean keepSlash, StringBuilder out) {
    if (isUnreserved(b) || (keepSlash && b == '/')) {
      out.append((char) b);
    } else {
      out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
  }

  /** Encodes the code point starting at {@code i} as UTF-8; returns the index of its last char. */
  private static int appendUtf8(CharSequence text, int i, boolean keepSlash, StringBuilder out) {
    int codePoint = Character.codePointAt(text, i);
    int last = i + Character.charCount(codePoint) - 1;
    if (Character.isSurrogate(text.charAt(i)) && Character.charCount(codePoint) == 1) {
      codePoint = 0xFFFD; // an unpaired surrogate has no UTF-8 form; Java's encoder substitutes too
    }
    if (codePoint < 0x800) {
      appendByte(0xC0 | (codePoint >> 6), keepSlash, out);
    } else if (codePoint < 0x10000) {
      appendByte(0xE0 | (codePoint >> 12), keepSlash, out);
      appendByte(0x80 | ((codePoint >> 6) & 0x3F), keepSlash, out);
    } else {
      appendByte(0xF0 | (codePoint >> 18), keepSlash, out);
      appendByte(0x80 | ((codePoint >> 12) & 0x3F), keepSlash, out);
      appendByte(0x80 | ((codePoint >> 6) & 0x3F), keepSlash, out);
    }
    appendByte(0x80 | (codePoint & 0x3F), keepSlash, out);
    return last;
  }
}
