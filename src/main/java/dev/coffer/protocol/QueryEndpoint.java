package dev.coffer.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.AuditLog;
import dev.coffer.audit.TlsDetails;
import dev.coffer.auth.Authenticator;
import dev.coffer.auth.sigv4.Authenticated;
import dev.coffer.auth.sigv4.SignableRequest;
import dev.coffer.core.RequestContext;
import dev.coffer.core.RequestIds;
import dev.coffer.core.error.CofferException;
import dev.coffer.core.error.InternalServiceError;
import dev.coffer.core.error.InvalidInputException;
import dev.coffer.core.error.RequestEntityTooLargeException;
import dev.coffer.core.error.SerializationException;
import dev.coffer.protocol.query.IdentityAuthorizer;
import dev.coffer.protocol.query.QueryApi;
import dev.coffer.protocol.query.QueryErrors;
import dev.coffer.protocol.query.QueryInput;
import dev.coffer.protocol.query.QueryOperation;
import dev.coffer.protocol.query.QueryXml;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /} with a form-encoded body: the AWS query protocol of IAM and STS. The API is the
 * service of the SigV4 credential scope ({@code iam} or {@code sts}; the {@code Version} parameter
 * decides when the request is not signed), the operation its {@code Action}. Like the JSON endpoint
 * it authenticates the signature over the exact bytes received, authorizes (the account root, or an
 * identity policy allowing {@code service:Action}), runs the operation and answers in XML, and
 * audits every call, answered or refused, before the answer is sent.
 */
public final class QueryEndpoint implements Handler {
  private static final Logger LOG = Logger.getLogger(QueryEndpoint.class.getName());
  private static final io.helidon.http.HeaderName X_FORWARDED_FOR =
      HeaderNames.create("X-Forwarded-For");
  private static final Pattern SCOPE_SERVICE =
      Pattern.compile("Credential=[^/,\\s]*/[0-9]{8}/[^/,\\s]*/([a-z0-9-]+)/aws4_request");

  private final List<QueryApi> apis;
  private final Authenticator authenticator;
  private final Clock clock;
  private final int maxBodyBytes;
  private final CallAuditor auditor;
  private final IdentityAuthorizer authorizer;
  private final ListenerOrigin origin;

  public QueryEndpoint(
      List<QueryApi> apis,
      Authenticator authenticator,
      IdentityAuthorizer authorizer,
      Clock clock,
      int maxBodyBytes,
      AuditLog audit,
      String defaultAccountId,
      String defaultRegion) {
    this.apis = List.copyOf(apis);
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.auditor = new CallAuditor(audit, clock, defaultAccountId, defaultRegion);
    this.origin = ListenerOrigin.direct();
  }

  private QueryEndpoint(QueryEndpoint shared, ListenerOrigin origin) {
    this.apis = shared.apis;
    this.authenticator = shared.authenticator;
    this.authorizer = shared.authorizer;
    this.clock = shared.clock;
    this.maxBodyBytes = shared.maxBodyBytes;
    this.auditor = shared.auditor;
    this.origin = origin;
  }

  /**
   * This endpoint as served by one listener: like Secrets Manager calls, IAM and STS calls carry
   * the listener's endpoint id ({@code aws:SourceVpce}, the record's {@code vpcEndpointId}), the
   * client address its trusted proxies tell ({@code aws:SourceIp}) and its TLS details.
   */
  public QueryEndpoint on(ListenerOrigin listener) {
    return new QueryEndpoint(this, listener);
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    String requestId = RequestIds.next();
    res.header("x-amzn-RequestId", requestId);
    Optional<String> authorization = req.headers().first(HeaderNames.AUTHORIZATION);
    String sourceIp =
        origin.sourceIp(
            peer(req.remotePeer().address()), req.headers().all(X_FORWARDED_FOR, List::of));
    Optional<TlsDetails> tls = origin.tlsDetails(req);
    String userAgent = req.headers().first(HeaderNames.USER_AGENT).orElse("");
    byte[] body;
    QueryInput input;
    try {
      body = readBody(req);
      input = QueryInput.parse(new String(body, StandardCharsets.UTF_8));
    } catch (CofferException e) {
      QueryApi api = apis.get(0);
      CallAuditor.Call call =
          auditor.begin(
              auditApi(api),
              api.signingService() + ".",
              requestId,
              sourceIp,
              userAgent,
              authorization);
      call.transport(origin.endpointId(), tls);
      sendError(res, api, call.refused(e), requestId);
      return;
    }
    QueryApi api = apiFor(authorization, input);
    CallAuditor.Call call =
        auditor.begin(
            auditApi(api),
            api.signingService() + "." + input.action(),
            requestId,
            sourceIp,
            userAgent,
            authorization);
    call.transport(origin.endpointId(), tls);
    call.input(input.toAuditJson());
    try {
      QueryOperation op =
          api.operation(input.action())
              .orElseThrow(() ->
                  new InvalidInputException(
                      input.action().isEmpty()
                          ? "The request has no Action parameter."
                          : "Could not find operation "
                              + input.action()
                              + " for version "
                              + api.version()
                              + "."));
      Operation audited = audited(op);
      call.operation(audited);
      Authenticated auth = authenticator.authenticate(requestData(req, body), api.signingService());
      RequestContext ctx =
          new RequestContext(
              requestId,
              clock.instant(),
              auth.caller(),
              auth.region(),
              sourceIp,
              userAgent,
              req.isSecure(),
              origin.endpointId());
      call.context(ctx);
      ObjectNode out =
          call.run(
              audited,
              ctx,
              () -> {
                if (op.needsIdentityPolicy()) {
                  authorizer.authorize(
                      ctx, api.signingService() + ":" + op.name(), op.resource(ctx, input));
                }
                return op.handle(ctx, input);
              });
      send(res, Status.OK_200, QueryXml.response(op.name(), api.xmlns(), out, requestId));
    } catch (CofferException e) {
      sendError(res, api, call.refused(e), requestId);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "request " + requestId + " failed", e);
      sendError(
          res,
          api,
          call.refused(new InternalServiceError("An error occurred on the server side.")),
          requestId);
    }
  }

  /** The API of the credential scope's service, else of the Version parameter, else the first. */
  private QueryApi apiFor(Optional<String> authorization, QueryInput input) {
    if (authorization.isPresent()) {
      Matcher m = SCOPE_SERVICE.matcher(authorization.get());
      if (m.find()) {
        for (QueryApi a : apis) {
          if (a.signingService().equals(m.group(1))) {
            return a;
          }
        }
      }
    }
    for (QueryApi a : apis) {
      if (a.version().equals(input.version())) {
        return a;
      }
    }
    return apis.get(0);
  }

  /** The call as the auditor sees it: an API named after the service, for its eventSource. */
  private static Api auditApi(QueryApi api) {
    return Api.of(api.signingService(), api.signingService(), "Message", List.of());
  }

  private static Operation audited(QueryOperation op) {
    return new Operation() {
      @Override
      public String name() {
        return op.name();
      }

      @Override
      public ObjectNode handle(RequestContext ctx, JsonInput input) {
        throw new IllegalStateException("query operations are run by QueryEndpoint");
      }

      @Override
      public boolean readOnly() {
        return op.readOnly();
      }
    };
  }

  private static String peer(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
    }
    return address.toString();
  }

  private byte[] readBody(ServerRequest req) {
    long declared = req.headers().contentLength().orElse(-1L);
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        throw tooLarge();
      }
      return body;
    } catch (IOException e) {
      throw new SerializationException("The request body could not be read.", e);
    }
  }

  private RequestEntityTooLargeException tooLarge() {
    return new RequestEntityTooLargeException(
        "The request body is larger than the limit of " + maxBodyBytes + " bytes.");
  }

  private static SignableRequest requestData(ServerRequest req, byte[] body) {
    SignableRequest.Builder b =
        SignableRequest.builder(req.prologue().method().text(), req.path().rawPath())
            .rawQuery(req.query().rawValue())
            .body(body);
    for (Header h : req.headers()) {
      for (String v : h.allValues()) {
        b.header(h.name(), v);
      }
    }
    return b.build();
  }

  private static void sendError(
      ServerResponse res, QueryApi api, CofferException e, String requestId) {
    QueryErrors q = QueryErrors.of(e);
    res.status(Status.create(q.status()));
    res.header(HeaderNames.CONTENT_TYPE, "text/xml");
    res.send(
        QueryXml.error(api.xmlns(), q.type(), q.code(), String.valueOf(e.getMessage()), requestId)
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void send(ServerResponse res, Status status, String xml) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "text/xml");
    res.send(xml.getBytes(StandardCharsets.UTF_8));
  }
}
