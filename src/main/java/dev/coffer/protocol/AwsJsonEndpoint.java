package dev.coffer.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.AuditLog;
import dev.coffer.auth.Authenticator;
import dev.coffer.auth.sigv4.Authenticated;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.CofferException;
import dev.coffer.core.error.InternalServiceError;
import dev.coffer.core.error.SerializationException;
import dev.coffer.core.error.UnknownOperationException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /} for every awsJson 1.1 API: picks the API and operation from {@code X-Amz-Target},
 * authenticates the SigV4 signature over the exact bytes received, parses and validates the JSON
 * input, runs the operation and writes its output, or the AWS error body when anything fails. Every
 * call, answered or refused, is audited before the answer is sent (see {@link CallAuditor}).
 */
public final class AwsJsonEndpoint implements Handler {
  private static final Logger LOG = Logger.getLogger(AwsJsonEndpoint.class.getName());
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final io.helidon.http.HeaderName X_AMZ_TARGET = HeaderNames.create("X-Amz-Target");

  private final List<Api> apis;
  private final Authenticator authenticator;
  private final Clock clock;
  private final int maxBodyBytes;
  private final CallAuditor auditor;
  private final ListenerOrigin origin;

  /**
   * @param audit where every call's event goes
   * @param defaultAccountId the account that unauthenticated calls are recorded in
   * @param defaultRegion the region they are recorded in when their credential names none
   */
  public AwsJsonEndpoint(
      List<Api> apis,
      Authenticator authenticator,
      Clock clock,
      int maxBodyBytes,
      AuditLog audit,
      String defaultAccountId,
      String defaultRegion) {
    this.apis = List.copyOf(apis);
    if (this.apis.stream().map(Api::targetPrefix).distinct().count() != this.apis.size()) {
      // One prefix per API: a second would be unreachable (apiFor takes the first match).
      throw new IllegalArgumentException("two APIs share a target prefix: " + this.apis);
    }
    this.authenticator = authenticator;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.auditor = new CallAuditor(audit, clock, defaultAccountId, defaultRegion);
    this.origin = ListenerOrigin.direct();
  }

  private AwsJsonEndpoint(AwsJsonEndpoint shared, ListenerOrigin origin) {
    this.apis = shared.apis;
    this.authenticator = shared.authenticator;
    this.clock = shared.clock;
    this.maxBodyBytes = shared.maxBodyBytes;
    this.auditor = shared.auditor;
    this.origin = origin;
  }

  /**
   * This endpoint as served by one listener: its requests carry the listener's endpoint id ({@code
   * aws:SourceVpce}) and their client address as its trusted proxies tell ({@code aws:SourceIp}).
   */
  public AwsJsonEndpoint on(ListenerOrigin listener) {
    return new AwsJsonEndpoint(this, listener);
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    Arrival arrival = Arrival.of(req, res, origin);
    String target = req.headers().first(X_AMZ_TARGET).orElse("");
    Api api = apiFor(target).orElse(apis.get(0));
    CallAuditor.Call call = arrival.audit(auditor, api, target);
    try {
      byte[] body = Arrival.readBody(req, maxBodyBytes);
      // Parsed once, before authentication, so that a refused call's record shows what it asked;
      // a body that does not parse is reported only once the caller is known (as AWS orders it).
      ObjectNode input;
      @Nullable SerializationException unparsable = null;
      try {
        input = parse(body);
      } catch (SerializationException e) {
        input = Json.object();
        unparsable = e;
      }
      ObjectNode parsed = input;
      call.input(parsed);
      Operation op = operationFor(api, target);
      call.operation(op);
      Authenticated auth =
          authenticator.authenticate(Arrival.signable(req, body), api.signingService());
      RequestContext ctx = arrival.context(auth, clock);
      call.context(ctx);
      if (unparsable != null) {
        throw unparsable;
      }
      ObjectNode out = call.run(op, ctx, () -> op.handle(ctx, JsonInput.of(parsed)));
      send(res, Status.OK_200, ResponseBytes.of(out));
    } catch (CofferException e) {
      sendError(res, api, call.refused(e));
    } catch (RuntimeException | IOException e) {
      LOG.log(Level.SEVERE, "request " + arrival.requestId + " failed", e);
      sendError(
          res,
          api,
          call.refused(new InternalServiceError("An error occurred on the server side.")));
    }
  }

  /**
   * Serves one call made inside the server by an already authenticated principal (a remediation
   * runbook acting as its role session): the same operation lookup, validation, authorization
   * inside the handler, transaction and audit event as a call over HTTP, without the signature.
   *
   * @param target {@code prefix.Operation}, e.g. {@code secretsmanager.DescribeSecret}
   * @return the operation's output
   * @throws CofferException as the API would answer the call
   */
  public ObjectNode invoke(RequestContext ctx, String target, ObjectNode input) {
    Api api = apiFor(target).orElse(apis.get(0));
    CallAuditor.Call call =
        auditor.begin(
            api, target, ctx.requestId(), ctx.sourceIp(), ctx.userAgent(), Optional.empty());
    call.context(ctx);
    call.input(input);
    // The caller may itself be inside a call's after-commit work: keep that call's extra events.
    @Nullable List<AuditHook.Extra> outer = AuditHook.suspend();
    try {
      Operation op = operationFor(api, target);
      call.operation(op);
      return call.run(op, ctx, () -> op.handle(ctx, JsonInput.of(input.deepCopy())));
    } catch (CofferException e) {
      throw call.refused(e);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "internal call " + ctx.requestId() + " failed", e);
      throw call.refused(new InternalServiceError("An error occurred on the server side."));
    } finally {
      AuditHook.resume(outer);
    }
  }

  /** The API whose target prefix the target starts with (prefixes may contain dots). */
  private Optional<Api> apiFor(String target) {
    return apis.stream().filter(a -> target.startsWith(a.targetPrefix() + ".")).findFirst();
  }

  private Operation operationFor(Api api, String target) {
    String prefix = api.targetPrefix() + ".";
    if (!target.startsWith(prefix)) {
      throw new UnknownOperationException(
          target.isEmpty()
              ? "The request has no X-Amz-Target header naming the operation."
              : "The operation " + target + " is not served by this endpoint.");
    }
    return api.operation(target.substring(prefix.length()))
        .orElseThrow(() ->
            new UnknownOperationException(
                "The operation " + target + " is not served by this endpoint."));
  }

  /** An empty body is an empty input structure (awsJson 1.1: servers accept both). */
  private static ObjectNode parse(byte[] body) {
    if (body.length == 0) {
      return Json.object();
    }
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new SerializationException("The request body is not valid JSON.");
    }
    if (n instanceof ObjectNode o) {
      return o;
    }
    if (n == null || n.isMissingNode()) {
      return Json.object();
    }
    throw new SerializationException("The request body must be a JSON object.");
  }

  static void sendError(ServerResponse res, Api api, CofferException e) {
    sendError(res, api.messageMember(), e);
  }

  /**
   * Writes {@code e} as an awsJson 1.1 error: {@code __type}, the message under {@code
   * messageMember}, and the matching status and {@code X-Amzn-ErrorType} header.
   */
  public static void sendError(ServerResponse res, String messageMember, CofferException e) {
    ObjectNode body = Json.object();
    body.put("__type", e.errorCode());
    body.put(messageMember, e.getMessage());
    res.header("X-Amzn-ErrorType", e.errorCode());
    try {
      send(res, Status.create(e.httpStatus()), Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static void send(ServerResponse res, Status status, byte[] body) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
    res.send(body);
  }
}
