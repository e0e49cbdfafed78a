package dev.coffer.audit;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.crypto.Ed25519;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks an audit log against its signed digests, as {@code aws cloudtrail validate-logs} checks
 * CloudTrail's log files (CloudTrail User Guide, "Validating CloudTrail log file integrity"), and
 * says where it differs: an event or digest changed, removed, inserted or out of order.
 *
 * <p>Use: pass every digest to {@link #digest} in the order read, then every event to {@link
 * #event} in the order read, then call {@link #finish}. Events are streamed, so a log of any size
 * is checked in constant memory per digest; digests are kept.
 *
 * <p>What a valid result proves: every event in a sealed range is exactly what the server sealed,
 * in its order, with nothing added or removed; every digest was signed by a trusted key and links
 * to its predecessor. What it cannot prove: events after the newest digest are not sealed yet, and
 * digests cut off the end of the chain are only noticed against an independently kept head (the
 * server's {@code GetAuditHead}, or a digest hash recorded elsewhere), as with CloudTrail.
 */
public final class ChainVerifier {
  /** Where the log differs from what was sealed, and how. */
  public record Finding(String where, String problem) {}

  /**
   * What the caller knows beyond the log itself.
   *
   * @param fromStart the log is checked from its beginning, so the first digest must be digest 1
   *     (or follow the archived ones)
   * @param archivedDigestSeq digests up to this number were archived and are not expected
   * @param headEventSeq the last event the server reports having written, if known
   * @param headDigestSeq the last digest the server reports having sealed, if known
   */
  public record Expectations(
      boolean fromStart,
      long archivedDigestSeq,
      OptionalLong headEventSeq,
      OptionalLong headDigestSeq) {
    public static Expectations none() {
      return new Expectations(false, 0, OptionalLong.empty(), OptionalLong.empty());
    }
  }

  /** The outcome of a check. */
  public record Report(
      List<Finding> findings,
      long digestsChecked,
      long eventsChecked,
      long unsealedEvents,
      Optional<AuditDigest> newestDigest) {
    public boolean valid() {
      return findings.isEmpty();
    }
  }

  private final Map<String, byte[]> publicKeys;
  private final Expectations expectations;
  private final List<Finding> findings = new ArrayList<>();
  private final List<AuditDigest> digests = new ArrayList<>();
  private boolean eventsStarted;
  private int current; // index into digests of the digest the next event belongs to
  private long lastSeq = Long.MIN_VALUE;
  private long eventsChecked;
  private long unsealed;
  // Per-digest state while its events stream by.
  private long expected;
  private String storedLink = "";
  private String contentLink = "";
  private boolean broken;

  /**
   * @param publicKeys trusted Ed25519 public keys (X.509 DER) by fingerprint
   */
  public ChainVerifier(Map<String, byte[]> publicKeys, Expectations expectations) {
    this.publicKeys = Map.copyOf(publicKeys);
    this.expectations = Objects.requireNonNull(expectations, "expectations");
  }

  /** A record that could not be read at all. */
  public void malformed(String where, String problem) {
    findings.add(new Finding(where, "unreadable record (" + problem + "): changed or corrupted"));
  }

  /** The next digest, in the order read. */
  public void digest(AuditDigest d) {
    if (eventsStarted) {
      throw new IllegalStateException("digests must all come before events");
    }
    String where = "digest " + d.digestSeq();
    AuditDigest prev = digests.isEmpty() ? null : digests.get(digests.size() - 1);
    if (prev != null && d.digestSeq() <= prev.digestSeq()) {
      findings.add(
          new Finding(
              where,
              d.digestSeq() == prev.digestSeq()
                  ? "appears more than once (a digest was inserted or copied)"
                  : "out of order (after digest " + prev.digestSeq() + ")"));
      return;
    }
    checkSignature(d, where);
    if (d.lastEventSeq() < d.firstEventSeq() || d.endTime().isBefore(d.startTime())) {
      findings.add(new Finding(where, "its event range or time range is inverted"));
    }
    if (prev == null) {
      checkFirst(d, where);
    } else if (d.digestSeq() != prev.digestSeq() + 1) {
      findings.add(
          new Finding(
              where,
              "digests "
                  + (prev.digestSeq() + 1)
                  + ".."
                  + (d.digestSeq() - 1)
                  + " are missing (removed), with events "
                  + (prev.lastEventSeq() + 1)
                  + ".."
                  + (d.firstEventSeq() - 1)));
    } else {
      if (!d.previousDigestHash().equals(EventChain.digestHash(prev))) {
        findings.add(
            new Finding(
                where,
                "does not link to digest "
                    + prev.digestSeq()
                    + " (one of the two was changed or replaced)"));
      }
      if (d.firstEventSeq() != prev.lastEventSeq() + 1
          || !d.startChainHash().equals(prev.lastChainHash())) {
        findings.add(
            new Finding(
                where,
                "does not continue the event chain where digest " + prev.digestSeq() + " ended"));
      }
    }
    digests.add(d);
  }

  private void checkFirst(AuditDigest d, String where) {
    if (d.digestSeq() == 1) {
      if (!d.previousDigestHash().isEmpty()
          || d.firstEventSeq() != 1
          || !d.startChainHash().isEmpty()) {
        findings.add(
            new Finding(where, "claims to be the first digest but does not start the log"));
      }
    } else if (expectations.fromStart() && d.digestSeq() - 1 > expectations.archivedDigestSeq()) {
      findings.add(
          new Finding(
              where,
              "digests "
                  + (expectations.archivedDigestSeq() + 1)
                  + ".."
                  + (d.digestSeq() - 1)
                  + " before it are missing (removed)"));
    }
  }

  private void checkSignature(AuditDigest d, String where) {
    byte[] key = publicKeys.get(d.keyFingerprint());
    if (key == null) {
      findings.add(new Finding(where, "is signed by an unknown key " + d.keyFingerprint()));
      return;
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(d.signature());
    } catch (IllegalArgumentException e) {
      sig = new byte[0];
    }
    if (!Ed25519.verify(key, EventChain.signedBytes(d), sig)) {
      findings.add(new Finding(where, "signature does not verify (the digest was changed)"));
    }
  }

  /** The next event, in the order read. */
  public void event(StoredAuditEvent e) {
    eventsStarted = true;
    String where = "event " + e.seq();
    if (e.seq() <= lastSeq) {
      findings.add(
          new Finding(
              where,
              e.seq() == lastSeq
                  ? "appears more than once (an event was inserted or copied)"
                  : "out of order (after event " + lastSeq + ")"));
      return;
    }
    lastSeq = e.seq();
    eventsChecked++;
    while (current < digests.size() && e.seq() > digests.get(current).lastEventSeq()) {
      closeDigest(digests.get(current));
      current++;
    }
    if (current >= digests.size()) {
      if (!digests.isEmpty()) {
        unsealedEvent(e, digests.get(digests.size() - 1));
      }
      return;
    }
    AuditDigest d = digests.get(current);
    if (e.seq() < d.firstEventSeq()) {
      return; // before the checked range (the caller chose a time window)
    }
    if (expected == 0 || expected < d.firstEventSeq()) {
      openDigest(d);
    }
    if (e.seq() != expected) {
      findings.add(
          new Finding(
              "events " + expected + ".." + (e.seq() - 1),
              "missing (removed); digest " + d.digestSeq() + " sealed them"));
      broken = true;
      storedLink = "";
    }
    if (!storedLink.isEmpty() || (e.seq() == d.firstEventSeq())) {
      if (!EventChain.link(storedLink, e).equals(e.chainHash())) {
        findings.add(
            new Finding(
                where, "does not match its chain hash (this event or its hash was changed)"));
      }
    }
    storedLink = e.chainHash();
    contentLink = broken ? "" : EventChain.link(contentLink, e);
    expected = e.seq() + 1;
  }

  /**
   * An event after the newest digest: not protected by a signature yet, but its stored chain must
   * still continue without gaps from the digest, which catches careless edits.
   */
  private void unsealedEvent(StoredAuditEvent e, AuditDigest newest) {
    unsealed++;
    if (expected <= newest.lastEventSeq()) {
      expected = newest.lastEventSeq() + 1;
      storedLink = newest.lastChainHash();
    }
    if (e.seq() != expected) {
      findings.add(new Finding("events " + expected + ".." + (e.seq() - 1), "missing (removed)"));
      storedLink = "";
    }
    if (!storedLink.isEmpty() && !EventChain.link(storedLink, e).equals(e.chainHash())) {
      findings.add(
          new Finding(
              where(e), "does not match its chain hash (this event or its hash was changed)"));
    }
    storedLink = e.chainHash();
    expected = e.seq() + 1;
  }

  private static String where(StoredAuditEvent e) {
    return "event " + e.seq();
  }

  private void openDigest(AuditDigest d) {
    expected = d.firstEventSeq();
    storedLink = d.startChainHash();
    contentLink = d.startChainHash();
    broken = false;
  }

  private void closeDigest(AuditDigest d) {
    if (expected < d.firstEventSeq()) {
      findings.add(
          new Finding(
              "events " + d.firstEventSeq() + ".." + d.lastEventSeq(),
              "missing (removed); digest " + d.digestSeq() + " sealed them"));
      return;
    }
    if (expected <= d.lastEventSeq()) {
      findings.add(
          new Finding(
              "events " + expected + ".." + d.lastEventSeq(),
              "missing (removed); digest " + d.digestSeq() + " sealed them"));
      return;
    }
    if (!broken && !contentLink.equals(d.lastChainHash())) {
      findings.add(
          new Finding(
              "digest " + d.digestSeq(),
              "events "
                  + d.firstEventSeq()
                  + ".."
                  + d.lastEventSeq()
                  + " differ from what it sealed (changed, inserted or reordered)"));
    }
  }

  /** Ends the check. */
  public Report finish() {
    while (current < digests.size()) {
      closeDigest(digests.get(current));
      current++;
    }
    Optional<AuditDigest> newest =
        digests.isEmpty() ? Optional.empty() : Optional.of(digests.get(digests.size() - 1));
    if (expectations.headDigestSeq().isPresent()) {
      long head = expectations.headDigestSeq().getAsLong();
      long have = newest.map(AuditDigest::digestSeq).orElse(expectations.archivedDigestSeq());
      if (have < head) {
        findings.add(
            new Finding(
                "digests " + (have + 1) + ".." + head,
                "missing (removed from the end of the chain)"));
      }
    }
    if (expectations.headEventSeq().isPresent()) {
      long head = expectations.headEventSeq().getAsLong();
      long have = Math.max(lastSeq, newest.map(AuditDigest::lastEventSeq).orElse(0L));
      if (have < head) {
        findings.add(
            new Finding("events " + (have + 1) + ".." + head, "missing (removed from the end)"));
      }
    }
    return new Report(List.copyOf(findings), digests.size(), eventsChecked, unsealed, newest);
  }
}
