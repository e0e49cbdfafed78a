package dev.coffer.audit;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.crypto.Canonical;
import dev.coffer.crypto.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    // The SHA-256 of Canonical.encodeFields(label, previous, seq, ..., body), fed to the digest
    // field by field rather than copied into one array first: every read's event goes through here.
    byte[] names = list(e.resourceNames());
    byte[] types = list(e.resourceTypes());
    MessageDigest md = DIGEST.get();
    md.reset();
    putInt(md, 15);
    field(md, EVENT_LABEL_BYTES);
    field(md, utf8(previousHex));
    field(md, u64(e.seq()));
    field(md, utf8(e.eventId()));
    field(md, u64(e.eventTime().toEpochMilli()));
    field(md, utf8(e.accountId()));
    field(md, utf8(e.region()));
    field(md, utf8(e.eventSource()));
    field(md, utf8(e.eventName()));
    field(md, utf8(e.username()));
    field(md, utf8(e.accessKeyId()));
    field(md, names);
    field(md, types);
    field(md, new byte[] {(byte) (e.readOnly() ? 1 : 0)});
    field(md, utf8(e.body()));
    return HexFormat.of().formatHex(md.digest());
  }

  private static final byte[] EVENT_LABEL_BYTES = utf8(EVENT_LABEL);

  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(() -> {
        try {
          return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
          throw new IllegalStateException("SHA-256 is not available in this JDK", ex);
        }
      });

  /** As {@link Canonical}: the field's length (4 bytes, big-endian), then its bytes. */
  private static void field(MessageDigest md, byte[] f) {
    putInt(md, f.length);
    md.update(f);
  }

  private static void putInt(MessageDigest md, int v) {
    md.update((byte) (v >>> 24));
    md.update((byte) (v >>> 16));
    md.update((byte) (v >>> 8));
    md.update((byte) v);
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
