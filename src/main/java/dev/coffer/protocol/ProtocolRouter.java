package dev.coffer.protocol;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;

/**
 * {@code POST /} for every API: form-encoded bodies are the AWS query protocol (IAM, STS), all
 * others awsJson 1.1 (Secrets Manager, KMS, CloudTrail, Coffer's audit API).
 */
public final class ProtocolRouter implements Handler {
  private final Handler json;
  private final Handler query;

  public ProtocolRouter(Handler json, Handler query) {
    this.json = json;
    this.query = query;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) throws Exception {
    String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      query.handle(req, res);
    } else {
      json.handle(req, res);
    }
  }
}
