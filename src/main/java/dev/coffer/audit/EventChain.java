package dev.coffer.audit;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.crypto.Canonical;
import dev.coffer.crypto.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The byte encodings that the audit chain hashes and signs. Every field is length-prefixed ({@link
 * Canonical}), so two different events or digests never encode alike, and every encoding starts
 * with a domain label naming what it is and its version.
 *
 * <ul>
 *   <li>An event's chain hash is SHA-256 over (label, previous event's chain hash, every stored
 *       field of the event). Changing, removing, inserting or reordering any event changes every
 *       chain hash from there on.
 *   <li>A digest is signed (Ed25519) over (label, its numbers, times, the chain hashes at both ends
 *       of the events it seals, the previous digest's hash, the key fingerprint). Its own hash,
 *       which the next digest carries, covers those bytes and the signature, as CloudTrail's digest
 *       files carry the previous digest's signature.
 * </ul>
 */
public final class EventChain {
  static final String EVENT_LABEL = "coffer.audit.event.v1";
  static final String DIGEST_LABEL = "coffer.audit.digest.v1";

  private EventChain() {}

  /** The chain hash of {@code e} after an event whose chain hash is {@code previousHex}. */
  public static String link(String previousHex, StoredAuditEvent e) {
    byte[] encoded =
        Canonical.encodeFields(
            utf8(EVENT_LABEL),
            utf8(previousHex),
            u64(e.seq()),
            utf8(e.eventId()),
            u64(e.eventTime().toEpochMilli()),
            utf8(e.accountId()),
            utf8(e.region()),
            utf8(e.eventSource()),
            utf8(e.eventName()),
            utf8(e.username()),
            utf8(e.accessKeyId()),
            list(e.resourceNames()),
            list(e.resourceTypes()),
            new byte[] {(byte) (e.readOnly() ? 1 : 0)},
            utf8(e.body()));
    return Sha256.hex(encoded);
  }

  /** The bytes a digest's signature covers. */
  public static byte[] signedBytes(AuditDigest d) {
    return Canonical.encodeFields(
        utf8(DIGEST_LABEL),
        u64(d.digestSeq()),
        u64(d.firstEventSeq()),
        u64(d.lastEventSeq()),
        u64(d.startTime().toEpochMilli()),
        u64(d.endTime().toEpochMilli()),
        utf8(d.startChainHash()),
        utf8(d.lastChainHash()),
        utf8(d.previousDigestHash()),
        utf8(d.keyFingerprint()));
  }

  /** The hash the next digest records as {@code previousDigestHash}. */
  public static String digestHash(AuditDigest d) {
    return Sha256.hex(Canonical.encodeFields(signedBytes(d), utf8(d.signature())));
  }

  private static byte[] list(List<String> items) {
    byte[][] fields = new byte[items.size()][];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = utf8(items.get(i));
    }
    return Canonical.encodeFields(fields);
  }

  private static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
