package dev.coffer.server;

import dev.coffer.core.RequestIds;
import dev.coffer.protocol.AwsJsonEndpoint;
import dev.coffer.server.operator.OperatorApi;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /}: operator API calls go to the operator endpoint whatever the seal state; every
 * other call goes to the services once they run, and is refused with HTTP 503 while the server is
 * sealed: ServiceUnavailableException in the awsJson shape, ServiceUnavailable in the query
 * protocol's XML.
 */
final class SealGate implements Handler {
  private final AwsJsonEndpoint operator;
  private final Supplier<@Nullable Handler> services;

  SealGate(AwsJsonEndpoint operator, Supplier<@Nullable Handler> services) {
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
    Handler running = services.get();
    if (running != null) {
      running.handle(req, res);
      return;
    }
    String requestId = RequestIds.next();
    res.header("x-amzn-RequestId", requestId);
    if (target.isEmpty()) {
      // The query protocol (IAM, STS): AWS's XML error document.
      res.status(io.helidon.http.Status.SERVICE_UNAVAILABLE_503);
      res.header(HeaderNames.CONTENT_TYPE, "text/xml");
      res.send(
          "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>"
              + SealManager.SEALED
              + "</Message></Error><RequestId>"
              + requestId
              + "</RequestId></ErrorResponse>");
      return;
    }
    // KMS (TrentService) spells its error message member in lower case.
    String member = target.startsWith("TrentService.") ? "message" : "Message";
    AwsJsonEndpoint.sendError(res, member, SealManager.sealedError());
  }
}
