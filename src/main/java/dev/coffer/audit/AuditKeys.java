package dev.coffer.audit;

import dev.coffer.crypto.Ed25519;
import java.util.LinkedHashMap;
import java.util.Map;

/** Public keys of the audit trail as files and API answers carry them: PEM "PUBLIC KEY" blocks. */
public final class AuditKeys {
  private static final String END = "-----END PUBLIC KEY-----";

  private AuditKeys() {}

  /**
   * Every Ed25519 public key in {@code pem} (one or more blocks), X.509 DER by fingerprint.
   *
   * @throws IllegalArgumentException a block is not an Ed25519 public key, or there is none
   */
  public static Map<String, byte[]> fromPem(String pem) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    int from = 0;
    while (true) {
      int end = pem.indexOf(END, from);
      if (end < 0) {
        break;
      }
      byte[] der = Ed25519.fromPem(pem.substring(from, end + END.length()));
      if (!Ed25519.isPublicKey(der)) {
        throw new IllegalArgumentException("not an Ed25519 public key");
      }
      out.put(Ed25519.fingerprint(der), der);
      from = end + END.length();
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no PEM public key found");
    }
    return out;
  }

  /** The PEM block of one key. */
  public static String toPem(byte[] der) {
    return Ed25519.toPem(der);
  }

  /** The fingerprint digests name a key by. */
  public static String fingerprint(byte[] der) {
    return Ed25519.fingerprint(der);
  }
}
