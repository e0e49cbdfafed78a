package dev.coffer.server;

import dev.coffer.protocol.AwsJsonEndpoint;
import dev.coffer.server.operator.OperatorApi;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /}: operator API calls go to the operator endpoint whatever the seal state; every
 * other call goes to the services once they run, and is refused with AWS's 503
 * ServiceUnavailableException while the server is sealed.
 */
final class SealGate implements Handler {
  private final AwsJsonEndpoint operator;
  private final Supplier<@Nullable AwsJsonEndpoint> services;

  SealGate(AwsJsonEndpoint operator, Supplier<@Nullable AwsJsonEndpoint> services) {
    this.operator = operator;
    this.services = services;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) throws Exception {
    String target = req.headers().first(HeaderNames.create("X-Amz-Target")).orElse("");
    if (target.startsWith(OperatorApi.TARGET_PREFIX + ".")) {
      operator.handle(req, res);
      return;
    }
    AwsJsonEndpoint running = services.get();
    if (running != null) {
      running.handle(req, res);
      return;
    }
    res.header("x-amzn-RequestId", UUID.randomUUID().toString());
    // KMS (TrentService) spells its error message member in lower case.
    String member = target.startsWith("TrentService.") ? "message" : "Message";
    AwsJsonEndpoint.sendError(res, member, SealManager.sealedError());
  }
}
