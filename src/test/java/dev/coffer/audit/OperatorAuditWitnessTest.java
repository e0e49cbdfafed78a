package dev.coffer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.testing.Backend;
import dev.coffer.testing.SignedJsonClient;
import dev.coffer.testing.TestServer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The operator API's audit log shares the server's witness: after operator calls, the next digest
 * still seals from the chain hashes computed when the events were written, not by reading them
 * back.
 */
class OperatorAuditWitnessTest {
  private static final String STATUS = "Coffer_Operator_20261101.Status";

  @ParameterizedTest
  @EnumSource(Backend.class)
  void seal_afterOperatorCalls_isWitnessed(Backend backend) {
    try (TestServer server = TestServer.start(backend);
        SecretsManagerClient sm = server.secretsManager()) {
      AuditTrail trail = server.server().audit();
      trail.sealNow();
      assertThat(trail.nextSpan()).isEmpty();

      SignedJsonClient operator = server.cofferClient();
      assertThat(operator.call(STATUS, "{}").status()).isEqualTo(200);
      DigestSealer.Span afterOperator = trail.nextSpan().orElseThrow();
      assertThat(afterOperator.witnessed()).isTrue();
      assertThat(eventName(trail, afterOperator.lastSeq())).isEqualTo("Status");
      assertThat(afterOperator.lastSeq()).isEqualTo(trail.reader().head().lastSeq());

      // The services' log and the operator log take turns; the witness follows both.
      sm.createSecret(b -> b.name("app/witnessed").secretString("v1"));
      assertThat(operator.call(STATUS, "{}").status()).isEqualTo(200);
      DigestSealer.Span mixed = trail.nextSpan().orElseThrow();
      assertThat(mixed.witnessed()).isTrue();
      assertThat(mixed.firstSeq()).isEqualTo(afterOperator.firstSeq());
      assertThat(mixed.lastSeq()).isEqualTo(trail.reader().head().lastSeq());
      assertThat(eventName(trail, mixed.lastSeq())).isEqualTo("Status");

      AuditDigest d = trail.sealNow().orElseThrow();
      assertThat(List.of(d.firstEventSeq(), d.lastEventSeq(), d.lastChainHash()))
          .isEqualTo(List.of(mixed.firstSeq(), mixed.lastSeq(), mixed.endHash()));
      ChainVerifier.Report r = TrailCheck.run(trail.reader());
      assertThat(r.findings()).isEmpty();
    }
  }

  private static String eventName(AuditTrail trail, long seq) {
    StoredAuditEvent e = trail.reader().events(seq, seq, 1).get(0);
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(e.body())
          .path("eventName")
          .asText();
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }
}
