package dev.coffer.protocol;

import dev.coffer.core.error.InvalidNextTokenException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Opaque pagination tokens. A token holds the position of the next page and a digest of the request
 * it belongs to, so a token used with different parameters is refused with
 * InvalidNextTokenException rather than silently paging through another listing.
 */
public final class PageToken {
  private static final int DIGEST_BYTES = 8;

  private PageToken() {}

  public static String encode(int offset, String binding) {
    ByteBuffer b = ByteBuffer.allocate(4 + DIGEST_BYTES);
    b.putInt(offset);
    b.put(digest(binding));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /** The position a token names; refuses tokens that are malformed or made for another request. */
  public static int decode(String token, String binding) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (raw.length != 4 + DIGEST_BYTES) {
      throw invalid();
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    int offset = b.getInt();
    byte[] d = new byte[DIGEST_BYTES];
    b.get(d);
    if (offset < 0 || !MessageDigest.isEqual(d, digest(binding))) {
      throw invalid();
    }
    return offset;
  }

  private static byte[] digest(String binding) {
    try {
      byte[] full =
          MessageDigest.getInstance("SHA-256").digest(binding.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(full, DIGEST_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvalidNextTokenException invalid() {
    return new InvalidNextTokenException("The NextToken value is invalid.");
  }
}
