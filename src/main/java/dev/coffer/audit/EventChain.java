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
    // The SHA-256 of Canonical.encodeFields(label, previous, seq, ..., body), laid out in one
    // reused buffer and digested in one call: every read's event goes through here, on the
    // store's single writer thread.
    Encoder out = ENCODER.get();
    out.start(15);
    out.field(EVENT_LABEL_BYTES);
    out.field(previousHex);
    out.field(e.seq());
    out.field(e.eventId());
    out.field(e.eventTime().toEpochMilli());
    out.field(e.accountId());
    out.field(e.region());
    out.field(e.eventSource());
    out.field(e.eventName());
    out.field(e.username());
    out.field(e.accessKeyId());
    out.field(list(e.resourceNames()));
    out.field(list(e.resourceTypes()));
    out.field(new byte[] {(byte) (e.readOnly() ? 1 : 0)});
    out.field(e.body());
    return HexFormat.of().formatHex(out.digest());
  }

  private static final byte[] EVENT_LABEL_BYTES = utf8(EVENT_LABEL);

  private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(Encoder::new);

  /** A growable buffer for one {@link Canonical} encoding, and the SHA-256 that digests it. */
  private static final class Encoder {
    private final MessageDigest sha256;
    private ByteBuffer buffer = ByteBuffer.allocate(4096);

    Encoder() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException ex) {
        throw new IllegalStateException("SHA-256 is not available in this JDK", ex);
      }
    }

    void start(int fields) {
      buffer.clear();
      buffer.putInt(fields);
    }

    /** As {@link Canonical}: the field's length (4 bytes, big-endian), then its bytes. */
    void field(byte[] f) {
      room(4 + f.length);
      buffer.putInt(f.length).put(f);
    }

    void field(String s) {
      field(utf8(s));
    }

    void field(long v) {
      room(12);
      buffer.putInt(8).putLong(v);
    }

    byte[] digest() {
      sha256.reset();
      sha256.update(buffer.array(), 0, buffer.position());
      return sha256.digest();
    }

    private void room(int more) {
      if (buffer.remaining() < more) {
        ByteBuffer bigger =
            ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
        bigger.put(buffer.flip());
        buffer = bigger;
      }
    }
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
