package dev.coffer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.crypto.Ed25519;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The chain check on an in-memory log: valid logs pass, each kind of tampering is found where it
 * is.
 */
class ChainVerifierTest {
  static ChainVerifier.Report verify(
      ChainFixture f, List<StoredAuditEvent> events, List<AuditDigest> digests) {
    return verify(
        f.publicKeys(),
        events,
        digests,
        new ChainVerifier.Expectations(true, 0, OptionalLong.empty(), OptionalLong.empty()));
  }

  static ChainVerifier.Report verify(
      Map<String, byte[]> keys,
      List<StoredAuditEvent> events,
      List<AuditDigest> digests,
      ChainVerifier.Expectations expectations) {
    ChainVerifier v = new ChainVerifier(keys, expectations);
    digests.forEach(v::digest);
    events.forEach(v::event);
    return v.finish();
  }

  static String findings(ChainVerifier.Report r) {
    return r.findings().toString();
  }

  @Test
  void verify_untouchedLog_isValid() {
    ChainFixture f = ChainFixture.of(50, 8);
    ChainVerifier.Report r = verify(f, f.events, f.digests);
    assertThat(r.findings()).isEmpty();
    assertThat(r.digestsChecked()).isEqualTo(7);
    assertThat(r.eventsChecked()).isEqualTo(50);
    assertThat(r.unsealedEvents()).isZero();
  }

  @Test
  void verify_eventsAfterNewestDigest_areCountedAsUnsealed() {
    ChainFixture f = ChainFixture.of(20, 8); // digests 1..8, 9..16, 17..20
    ChainVerifier.Report r = verify(f, f.events, f.digests.subList(0, 2));
    assertThat(r.findings()).isEmpty();
    assertThat(r.unsealedEvents()).isEqualTo(4);
  }

  @Test
  void verify_changedEventBody_isReportedAtThatEvent() {
    ChainFixture f = ChainFixture.of(30, 10);
    List<StoredAuditEvent> events = new ArrayList<>(f.events);
    StoredAuditEvent e = events.get(13);
    events.set(13, withBody(e, e.body().replace("app/secret-14", "app/secret-99")));
    ChainVerifier.Report r = verify(f, events, f.digests);
    assertThat(r.valid()).isFalse();
    assertThat(findings(r)).contains("event 14").contains("digest 2");
  }

  @Test
  void verify_eventRechainedConsistently_isReportedByItsDigest() {
    ChainFixture f = ChainFixture.of(30, 10);
    List<StoredAuditEvent> events = new ArrayList<>(f.events);
    // The attacker changes event 14 and recomputes every stored hash after it.
    String hash = events.get(12).chainHash();
    for (int i = 13; i < events.size(); i++) {
      StoredAuditEvent e = i == 13 ? withBody(events.get(i), "{\"forged\":true}") : events.get(i);
      hash = EventChain.link(hash, e.at(e.seq(), ""));
      events.set(i, e.at(e.seq(), hash));
    }
    ChainVerifier.Report r = verify(f, events, f.digests);
    assertThat(findings(r)).contains("digest 2").contains("events 11..20");
  }

  @Test
  void verify_removedEvent_isReportedWithItsSequenceNumber() {
    ChainFixture f = ChainFixture.of(30, 10);
    List<StoredAuditEvent> events = new ArrayList<>(f.events);
    events.remove(16); // event 17
    ChainVerifier.Report r = verify(f, events, f.digests);
    assertThat(findings(r)).contains("events 17..17").contains("missing");
  }

  @Test
  void verify_removedLastEventsOfADigest_areReported() {
    ChainFixture f = ChainFixture.of(30, 10);
    List<StoredAuditEvent> events = new ArrayList<>(f.events);
    events.subList(18, 22).clear(); // events 19..22 cross digests 2 and 3
    ChainVerifier.Report r = verify(f, events, f.digests);
    assertThat(findings(r)).contains("events 19..20").contains("events 21..22");
  }

  @Test
  void verify_reorderedEvents_areReported() {
    ChainFixture f = ChainFixture.of(30, 10);
    List<StoredAuditEvent> events = new ArrayList<>(f.events);
    Collections.swap(events, 4, 5);
    assertThat(findings(verify(f, events, f.digests))).contains("out of order");
  }

  @Test
  void verify_swappedEventContents_areReported() {
    ChainFixture f = ChainFixture.of(30, 10);
    List<StoredAuditEvent> events = new ArrayList<>(f.events);
    StoredAuditEvent a = events.get(4);
    StoredAuditEvent b = events.get(5);
    events.set(4, b.at(a.seq(), b.chainHash()));
    events.set(5, a.at(b.seq(), a.chainHash()));
    ChainVerifier.Report r = verify(f, events, f.digests);
    assertThat(findings(r)).contains("event 5").contains("event 6");
  }

  @Test
  void verify_insertedDuplicateEvent_isReported() {
    ChainFixture f = ChainFixture.of(30, 10);
    List<StoredAuditEvent> events = new ArrayList<>(f.events);
    events.add(8, events.get(7));
    assertThat(findings(verify(f, events, f.digests)))
        .contains("event 8")
        .contains("more than once");
  }

  @Test
  void verify_removedDigest_isReported() {
    ChainFixture f = ChainFixture.of(40, 10);
    List<AuditDigest> digests = new ArrayList<>(f.digests);
    digests.remove(1);
    assertThat(findings(verify(f, f.events, digests))).contains("digests 2..2").contains("missing");
  }

  @Test
  void verify_removedFirstDigest_isReportedWhenCheckingFromTheStart() {
    ChainFixture f = ChainFixture.of(40, 10);
    assertThat(findings(verify(f, f.events, f.digests.subList(1, 4)))).contains("digests 1..1");
  }

  @Test
  void verify_removedNewestDigest_isReportedAgainstTheHead() {
    ChainFixture f = ChainFixture.of(40, 10);
    ChainVerifier.Report r =
        verify(
            f.publicKeys(),
            f.events.subList(0, 30),
            f.digests.subList(0, 3),
            new ChainVerifier.Expectations(true, 0, OptionalLong.of(40), OptionalLong.of(4)));
    assertThat(findings(r)).contains("digests 4..4").contains("events 31..40");
  }

  @Test
  void verify_reorderedDigests_areReported() {
    ChainFixture f = ChainFixture.of(40, 10);
    List<AuditDigest> digests = new ArrayList<>(f.digests);
    Collections.swap(digests, 1, 2);
    assertThat(findings(verify(f, f.events, digests))).contains("out of order");
  }

  @Test
  void verify_digestResignedWithAnotherKey_isReportedAsUnknownKey() {
    ChainFixture f = ChainFixture.of(20, 10);
    Ed25519.Keys other = Ed25519.generate();
    List<AuditDigest> digests = new ArrayList<>(f.digests);
    AuditDigest d = digests.get(1);
    AuditDigest forged =
        new AuditDigest(
            d.digestSeq(),
            d.firstEventSeq(),
            d.lastEventSeq(),
            d.startTime(),
            d.endTime(),
            d.startChainHash(),
            d.lastChainHash(),
            d.previousDigestHash(),
            Ed25519.fingerprint(other.publicKey()),
            "");
    digests.set(1, ChainFixture.withSignature(forged, other));
    assertThat(findings(verify(f, f.events, digests))).contains("digest 2").contains("unknown key");
  }

  @Test
  void verify_digestFieldChanged_failsItsSignature() {
    ChainFixture f = ChainFixture.of(20, 10);
    List<AuditDigest> digests = new ArrayList<>(f.digests);
    AuditDigest d = digests.get(0);
    digests.set(
        0,
        new AuditDigest(
            d.digestSeq(),
            d.firstEventSeq(),
            d.lastEventSeq() - 1,
            d.startTime(),
            d.endTime(),
            d.startChainHash(),
            d.lastChainHash(),
            d.previousDigestHash(),
            d.keyFingerprint(),
            d.signature()));
    assertThat(findings(verify(f, f.events, digests))).contains("digest 1").contains("signature");
  }

  static StoredAuditEvent withBody(StoredAuditEvent e, String body) {
    return new StoredAuditEvent(
        e.seq(),
        e.eventId(),
        e.eventTime(),
        e.accountId(),
        e.region(),
        e.eventSource(),
        e.eventName(),
        e.username(),
        e.accessKeyId(),
        e.resourceNames(),
        e.resourceTypes(),
        e.readOnly(),
        body,
        e.chainHash());
  }
}
