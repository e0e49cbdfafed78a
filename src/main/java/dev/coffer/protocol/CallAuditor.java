package dev.coffer.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.ApiCall;
import dev.coffer.audit.AuditEvent;
import dev.coffer.audit.AuditEvents;
import dev.coffer.audit.AuditLog;
import dev.coffer.audit.Identity;
import dev.coffer.audit.TlsDetails;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.CofferException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Gives every call its audit event (CloudTrail's AwsApiCall): a successful state-changing call in
 * the transaction of its changes, a successful read-only call through the group commit before it is
 * answered, and a refused call (unauthenticated, invalid, denied, failed) in its own commit. When
 * the event cannot be written, the call is answered with ServiceUnavailableException instead.
 */
final class CallAuditor {
  private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9]{1,128}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");
  private static final Pattern OPERATION = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private final AuditLog log;
  private final Clock clock;
  private final String defaultAccountId;
  private final String defaultRegion;

  CallAuditor(AuditLog log, Clock clock, String defaultAccountId, String defaultRegion) {
    this.log = log;
    this.clock = clock;
    this.defaultAccountId = defaultAccountId;
    this.defaultRegion = defaultRegion;
  }

  /** Starts auditing one request; {@code authorization} is the raw header, for refused calls. */
  Call begin(
      Api api,
      String target,
      String requestId,
      String sourceIp,
      String userAgent,
      Optional<String> authorization) {
    return new Call(api, target, requestId, sourceIp, userAgent, authorization);
  }

  /** One request's audit state, filled in as the endpoint learns more. */
  final class Call {
    private final Api api;
    private final String target;
    private final String requestId;
    private final String sourceIp;
    private final String userAgent;
    private final Optional<String> authorization;
    private @Nullable Operation op;
    private @Nullable RequestContext ctx;
    private ObjectNode input = Json.object();
    private List<AuditHook.Extra> extras = List.of();
    private Optional<String> vpcEndpointId = Optional.empty();
    private Optional<TlsDetails> tls = Optional.empty();

    private Call(
        Api api,
        String target,
        String requestId,
        String sourceIp,
        String userAgent,
        Optional<String> authorization) {
      this.api = api;
      this.target = target;
      this.requestId = requestId;
      this.sourceIp = sourceIp;
      this.userAgent = userAgent;
      this.authorization = authorization;
    }

    /**
     * How the call arrived: the listener's endpoint id, and for a TLS connection its {@code
     * tlsDetails} (empty over plain HTTP).
     */
    void transport(Optional<String> endpointId, Optional<TlsDetails> tlsDetails) {
      this.vpcEndpointId = endpointId;
      this.tls = tlsDetails;
    }

    void operation(Operation o) {
      this.op = o;
    }

    void context(RequestContext c) {
      this.ctx = c;
    }

    void input(ObjectNode in) {
      this.input = in;
    }

    /** Runs the handler and makes its event durable; the answer may be sent once this returns. */
    ObjectNode run(Operation operation, RequestContext context, Supplier<ObjectNode> handler) {
      List<AuditHook.Extra> collected = AuditHook.open();
      extras = collected;
      try {
        if (operation.readOnly() || operation.commitsItself()) {
          ObjectNode out = handler.get();
          log.record(events(Optional.of(out), Optional.empty()));
          return out;
        }
        Thread caller = Thread.currentThread();
        Supplier<ObjectNode> bound =
            () -> {
              if (Thread.currentThread() == caller) {
                return handler.get();
              }
              AuditHook.bind(collected);
              try {
                return handler.get();
              } finally {
                AuditHook.close();
              }
            };
        return log.inTransaction(bound, out -> events(Optional.of(out), Optional.empty()));
      } finally {
        extras = List.copyOf(collected);
        AuditHook.close();
      }
    }

    /**
     * Records the refusal of this call; returns the error to answer: {@code error} itself, or
     * ServiceUnavailableException when not even the refusal can be recorded.
     */
    CofferException refused(CofferException error) {
      try {
        log.record(events(Optional.empty(), Optional.of(error)));
        return error;
      } catch (CofferException unavailable) {
        return unavailable;
      }
    }

    private List<AuditEvent> events(Optional<ObjectNode> output, Optional<CofferException> error) {
      List<AuditEvent> out = new ArrayList<>(1 + extras.size());
      out.add(AuditEvents.apiCall(call(eventName(), readOnly(), input, output, error)));
      for (AuditHook.Extra x : extras) {
        out.add(
            AuditEvents.apiCall(
                call(
                    x.eventName(),
                    ReadOnlyOperations.contains(x.eventName()),
                    x.input(),
                    Optional.of(Json.object()),
                    x.error())));
      }
      return out;
    }

    private ApiCall call(
        String eventName,
        boolean readOnly,
        ObjectNode in,
        Optional<ObjectNode> output,
        Optional<CofferException> error) {
      RequestContext c = ctx;
      Identity who =
          c != null
              ? Identity.of(c.caller())
              : Identity.unauthenticated(defaultAccountId, claimed(0, ACCESS_KEY));
      String region = c != null ? c.region() : claimed(2, REGION).orElse(defaultRegion);
      return new ApiCall(
          requestId,
          clock.instant(),
          who,
          region,
          sourceIp,
          userAgent,
          eventSource(api),
          eventName,
          readOnly,
          in,
          error.isPresent() ? Optional.empty() : output,
          error.map(CallAuditor::auditErrorCode),
          error.map(CofferException::getMessage),
          vpcEndpointId,
          tls);
    }

    private String eventName() {
      Operation o = op;
      if (o != null) {
        return o.name();
      }
      String name = target.substring(target.lastIndexOf('.') + 1);
      return OPERATION.matcher(name).matches() ? name : "UnknownOperation";
    }

    private boolean readOnly() {
      Operation o = op;
      return o != null && o.readOnly();
    }

    /** Part {@code index} of the SigV4 credential (key/date/region/service/aws4_request). */
    private Optional<String> claimed(int index, Pattern allowed) {
      if (authorization.isEmpty()) {
        return Optional.empty();
      }
      String h = authorization.get();
      int at = h.indexOf("Credential=");
      if (at < 0) {
        return Optional.empty();
      }
      String credential = h.substring(at + "Credential=".length()).split("[,\\s]", 2)[0];
      String[] parts = credential.split("/", -1);
      if (parts.length <= index || !allowed.matcher(parts[index]).matches()) {
        return Optional.empty();
      }
      return Optional.of(parts[index]);
    }
  }

  /** CloudTrail's eventSource: the service's endpoint name. */
  static String eventSource(Api api) {
    return api.signingService().equals("coffer")
        ? "audit.coffer.internal"
        : api.signingService() + ".amazonaws.com";
  }

  /**
   * The errorCode CloudTrail records: a call refused by access control is recorded as {@code
   * AccessDenied} (CloudTrail User Guide, "CloudTrail record contents"), whatever the error type in
   * the response; every other failure under its error code.
   */
  static String auditErrorCode(CofferException e) {
    return e instanceof dev.coffer.core.error.AccessDeniedException
        ? "AccessDenied"
        : e.errorCode();
  }
}
