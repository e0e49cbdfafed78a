package dev.coffer.protocol.sts;

import static dev.coffer.protocol.query.Ops.open;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.auth.iam.Sessions;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.protocol.query.IdentityAuthorizer;
import dev.coffer.protocol.query.QueryApi;
import dev.coffer.protocol.query.QueryInput;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The STS API (query protocol, version 2011-06-15): GetCallerIdentity, AssumeRole and
 * GetSessionToken.
 */
public final class StsApi {
  public static final String VERSION = "2011-06-15";
  public static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

  private StsApi() {}

  public static QueryApi create(Sessions sessions, IdentityAuthorizer authorizer) {
    return QueryApi.of(
        "sts",
        VERSION,
        XMLNS,
        List.of(
            // No permission is needed to ask who one is (STS API Reference, GetCallerIdentity).
            open("GetCallerIdentity", (ctx, in) -> callerIdentity(ctx)),
            new AssumeRoleHandler(sessions, authorizer),
            open("GetSessionToken", (ctx, in) -> sessionToken(sessions, ctx, in))));
  }

  private static ObjectNode callerIdentity(RequestContext ctx) {
    Caller c = ctx.caller();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("UserId", c.principalId());
    out.put("Account", c.accountId());
    out.put("Arn", c.arn());
    return out;
  }

  /**
   * GetSessionToken for an IAM user: 900 to 129,600 seconds, 43,200 by default (STS API Reference).
   * Temporary credentials cannot call it.
   */
  private static ObjectNode sessionToken(Sessions sessions, RequestContext ctx, QueryInput in) {
    Caller c = ctx.caller();
    if (c.type() == Caller.Type.AssumedRole
        || (c.accessKeyId().isPresent() && c.accessKeyId().get().startsWith("ASIA"))) {
      throw new AccessDeniedException("Cannot call GetSessionToken with session credentials");
    }
    if (c.type() != Caller.Type.IAMUser || c.entitlements().userName().isEmpty()) {
      throw new AccessDeniedException(
          "Coffer issues session tokens to IAM users only, not to " + c.arn());
    }
    int seconds = StsInputs.duration(in, 43_200, 129_600);
    Sessions.Issued issued =
        sessions.sessionToken(
            c.accountId(),
            c.entitlements().userName().get(),
            java.time.Duration.ofSeconds(seconds));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("Credentials", credentials(issued));
    return out;
  }

  static ObjectNode credentials(Sessions.Issued issued) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("AccessKeyId", issued.accessKeyId());
    o.put("SecretAccessKey", issued.secretAccessKey());
    o.put("SessionToken", issued.sessionToken());
    o.put("Expiration", issued.expiration().truncatedTo(ChronoUnit.SECONDS).toString());
    return o;
  }
}
