package dev.coffer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.AuditSettings;
import dev.coffer.audit.AuditTrail;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.core.error.ResourceNotFoundException;
import dev.coffer.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook BatchGetSecretValue uses: extra events a handler emits are committed with the call's own
 * event, carrying the call's identity and request id.
 */
class AuditHookTest {
  @TempDir Path dir;

  @Test
  void emit_fromAReadOnlyHandler_recordsOneExtraEventPerSecret() {
    try (Store store = Store.open("jdbc:sqlite:" + dir.resolve("t.db"), "", "");
        AuditTrail trail =
            AuditTrail.start(
                store,
                Clock.systemUTC(),
                new dev.coffer.crypto.SigningKeyVault(dev.coffer.crypto.TestRootKeys.fresh()),
                dir.resolve("archive"),
                AuditSettings.defaults())) {
      CallAuditor auditor =
          new CallAuditor(trail.log(), Clock.systemUTC(), "123456789012", "us-east-1");
      Api api = Api.of("secretsmanager", "secretsmanager", "Message", List.of());
      Operation batch =
          new Operation() {
            @Override
            public String name() {
              return "BatchGetSecretValue";
            }

            @Override
            public ObjectNode handle(RequestContext ctx, JsonInput in) {
              AuditHook.emit(
                  "GetSecretValue", Json.object().put("SecretId", "a"), Optional.empty());
              AuditHook.emit(
                  "GetSecretValue",
                  Json.object().put("SecretId", "b"),
                  Optional.of(
                      new ResourceNotFoundException(
                          "Secrets Manager can't find the specified secret.")));
              return Json.object();
            }
          };
      RequestContext ctx =
          new RequestContext(
              "req-1",
              Clock.systemUTC().instant(),
              Caller.root("123456789012", "AKIDX"),
              "us-east-1",
              "127.0.0.1",
              "ua",
              false,
              Optional.empty());
      CallAuditor.Call call =
          auditor.begin(
              api,
              "secretsmanager.BatchGetSecretValue",
              "req-1",
              "127.0.0.1",
              "ua",
              Optional.empty());
      call.operation(batch);
      call.context(ctx);
      ObjectNode input = Json.object();
      call.run(batch, ctx, () -> batch.handle(ctx, JsonInput.of(input)));

      List<StoredAuditEvent> events = trail.reader().events(1, 100, 100);
      assertThat(events)
          .extracting(StoredAuditEvent::eventName)
          .containsExactly("BatchGetSecretValue", "GetSecretValue", "GetSecretValue");
      assertThat(events).allSatisfy(e -> assertThat(e.body()).contains("\"requestID\":\"req-1\""));
      assertThat(events.get(1).resourceNames()).containsExactly("a");
      assertThat(events.get(1).readOnly()).isTrue();
      assertThat(events.get(2).body()).contains("\"errorCode\":\"ResourceNotFoundException\"");
      // Outside a call the hook does nothing.
      AuditHook.emit("GetSecretValue", Json.object(), Optional.empty());
      assertThat(trail.reader().events(1, 100, 100)).hasSize(3);
    }
  }
}
