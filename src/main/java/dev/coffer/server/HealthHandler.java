package dev.coffer.server;

import dev.coffer.audit.AuditTrail;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 {@code {"status":"ok"}} when the server can answer, 503 {@code
 * {"status":"sealed","reason":...}} while the root key is sealed (or not yet initialised), 503
 * {@code {"status":"unavailable","reason":...}} when it refuses requests (the audit store takes no
 * events) or its audit chain failed to verify.
 */
final class HealthHandler implements Handler {
  private final SealManager seal;
  private final Supplier<Optional<AuditTrail>> audit;

  HealthHandler(SealManager seal, Supplier<Optional<AuditTrail>> audit) {
    this.seal = seal;
    this.audit = audit;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    Optional<AuditTrail> trail = audit.get();
    if (trail.isEmpty() || !seal.unsealed()) {
      SealManager.State state = seal.status().state();
      res.status(Status.SERVICE_UNAVAILABLE_503);
      res.send(
          "{\"status\":\"sealed\",\"reason\":"
              + quote(
                  state == SealManager.State.UNINITIALISED
                      ? "Coffer is not initialised; initialise it with coffer operator init"
                      : SealManager.SEALED)
              + "}");
      return;
    }
    Optional<String> problem = trail.get().problem();
    if (problem.isEmpty()) {
      res.send("{\"status\":\"ok\"}");
      return;
    }
    res.status(Status.SERVICE_UNAVAILABLE_503);
    res.send("{\"status\":\"unavailable\",\"reason\":" + quote(problem.get()) + "}");
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
