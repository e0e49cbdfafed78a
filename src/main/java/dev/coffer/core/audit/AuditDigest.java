package dev.coffer.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One signed digest sealing the audit events {@code firstEventSeq..lastEventSeq}.
 *
 * @param digestSeq position in the digest chain, from 1
 * @param firstEventSeq the first event it seals
 * @param lastEventSeq the last event it seals
 * @param startTime the end of the previous digest (or the first event's time for the first digest)
 * @param endTime when this digest was sealed
 * @param startChainHash hex chain hash just before {@code firstEventSeq} (empty at the log's start)
 * @param lastChainHash hex chain hash of {@code lastEventSeq}
 * @param previousDigestHash hex hash of the previous digest, empty for the first
 * @param keyFingerprint the fingerprint of the signing key
 * @param signature base64 Ed25519 signature
 */
public record AuditDigest(
    long digestSeq,
    long firstEventSeq,
    long lastEventSeq,
    Instant startTime,
    Instant endTime,
    String startChainHash,
    String lastChainHash,
    String previousDigestHash,
    String keyFingerprint,
    String signature) {

  public AuditDigest {
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(startChainHash, "startChainHash");
    Objects.requireNonNull(lastChainHash, "lastChainHash");
    Objects.requireNonNull(previousDigestHash, "previousDigestHash");
    Objects.requireNonNull(keyFingerprint, "keyFingerprint");
    Objects.requireNonNull(signature, "signature");
  }
}
