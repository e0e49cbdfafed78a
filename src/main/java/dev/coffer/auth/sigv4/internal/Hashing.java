package dev.coffer.auth.sigv4.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 as SigV4 uses them.
 *
 * <p>Engines are cloned from prototypes instead of looked up through the provider framework on
 * every call: a clone is a few array copies, {@code getInstance} a synchronized registry search.
 * Clones are used rather than thread-locals because requests run on virtual threads, which would
 * each build their own engine. The prototypes are never updated, so concurrent cloning is safe.
 */
public final class Hashing {
  private static final String HMAC = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();
  private static final MessageDigest SHA256_PROTOTYPE = sha256Instance();

  /** Hex SHA-256 of the empty string, the payload hash of every body-less request. */
  public static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private Hashing() {}

  /** A fresh SHA-256 engine. */
  public static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256_PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return sha256Instance();
    }
  }

  /** Lower-case hex SHA-256 of {@code data}, as the payload hash and string to sign want it. */
  public static String sha256Hex(byte[] data) {
    return data.length == 0 ? EMPTY_SHA256 : HEX.formatHex(sha256().digest(data));
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Lower-case hex of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** An HMAC-SHA256 engine keyed with {@code key}. */
  public static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
    }
  }

  /** HMAC-SHA256 of the UTF-8 bytes of {@code data} under {@code key}. */
  public static byte[] hmac(byte[] key, String data) {
    return hmac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The SigV4 signing key: HMAC chained over date, region, service and the terminator, starting
   * from {@code "AWS4" + secret} (AWS SigV4, "Calculate the signature", derive a signing key).
   */
  public static byte[] deriveSigningKey(
      String secretAccessKey, String date, String region, String service) {
    byte[] dateKey = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
    byte[] regionKey = hmac(dateKey, region);
    byte[] serviceKey = hmac(regionKey, service);
    return hmac(serviceKey, CredentialScope.TERMINATOR);
  }

  private static MessageDigest sha256Instance() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
    }
  }
}
