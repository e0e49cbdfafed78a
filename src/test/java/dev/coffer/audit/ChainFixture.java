package dev.coffer.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.crypto.Ed25519;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An audit log made the way the server makes it (events chained by {@link EventChain}, digests
 * signed over {@link EventChain#signedBytes}), without a server, for unit tests of verification.
 */
final class ChainFixture {
  final Ed25519.Keys keys = Ed25519.generate();
  final String fingerprint = Ed25519.fingerprint(keys.publicKey());
  final List<StoredAuditEvent> events = new ArrayList<>();
  final List<AuditDigest> digests = new ArrayList<>();

  static ChainFixture of(int eventCount, int eventsPerDigest) {
    ChainFixture f = new ChainFixture();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    String hash = "";
    for (int i = 1; i <= eventCount; i++) {
      AuditEvent e = event(i, t.plusSeconds(i));
      StoredAuditEvent unchained = e.row(i, "");
      hash = EventChain.link(hash, unchained);
      f.events.add(unchained.at(i, hash));
    }
    for (int first = 1; first <= eventCount; first += eventsPerDigest) {
      int last = Math.min(eventCount, first + eventsPerDigest - 1);
      f.seal(first, last);
    }
    return f;
  }

  Map<String, byte[]> publicKeys() {
    return Map.of(fingerprint, keys.publicKey());
  }

  private void seal(int first, int last) {
    Optional<AuditDigest> prev =
        digests.isEmpty() ? Optional.empty() : Optional.of(digests.get(digests.size() - 1));
    AuditDigest unsigned =
        new AuditDigest(
            digests.size() + 1,
            first,
            last,
            prev.map(AuditDigest::endTime).orElse(events.get(first - 1).eventTime()),
            events.get(last - 1).eventTime().plusMillis(500),
            prev.map(AuditDigest::lastChainHash).orElse(""),
            events.get(last - 1).chainHash(),
            prev.map(EventChain::digestHash).orElse(""),
            fingerprint,
            "");
    digests.add(withSignature(unsigned, keys));
  }

  static AuditDigest withSignature(AuditDigest d, Ed25519.Keys keys) {
    String sig =
        Base64.getEncoder()
            .encodeToString(Ed25519.sign(keys.privateKey(), EventChain.signedBytes(d)));
    return new AuditDigest(
        d.digestSeq(),
        d.firstEventSeq(),
        d.lastEventSeq(),
        d.startTime(),
        d.endTime(),
        d.startChainHash(),
        d.lastChainHash(),
        d.previousDigestHash(),
        d.keyFingerprint(),
        sig);
  }

  static AuditEvent event(int i, Instant time) {
    ObjectNode input =
        JsonNodeFactory.instance
            .objectNode()
            .put("SecretId", "app/secret-" + i)
            .put("VersionStage", "AWSCURRENT");
    String name = i % 3 == 0 ? "DescribeSecret" : i % 3 == 1 ? "GetSecretValue" : "TagResource";
    ApiCall call =
        new ApiCall(
            "req-" + i,
            time,
            new Identity(
                "Root",
                "123456789012",
                "arn:aws:iam::123456789012:root",
                "123456789012",
                "AKIDEXAMPLE",
                Optional.empty()),
            "us-east-1",
            "127.0.0.1",
            "test/1.0",
            "secretsmanager.amazonaws.com",
            name,
            !name.equals("TagResource"),
            input,
            Optional.of(
                JsonNodeFactory.instance
                    .objectNode()
                    .put(
                        "ARN",
                        "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/secret-"
                            + i
                            + "-AbCdEf")),
            Optional.empty(),
            Optional.empty());
    return AuditEvents.apiCall(call);
  }
}
