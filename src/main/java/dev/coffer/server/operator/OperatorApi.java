package dev.coffer.server.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.protocol.Api;
import dev.coffer.protocol.Json;
import dev.coffer.server.SealManager;
import java.util.List;

/**
 * Coffer's operator API, used by {@code coffer operator status|init|unseal|rotate-root}: awsJson
 * 1.1, target prefix {@code Coffer_Operator_20261101}, SigV4 service {@code coffer}. It is served
 * whether or not the server is sealed. Only the root user of the server's own account may call it.
 *
 * <ul>
 *   <li>{@code Status {}} → {@code {State, Initialized, Sealed, SealType, SharesSubmitted,
 *       SharesNeeded, RootGeneration, RewrapRemaining, RewrapInProgress}}
 *   <li>{@code Init {Shares?, Threshold?}} → {@code {UnsealShares: [...]}} (Shamir shares, shown
 *       once) and the status
 *   <li>{@code Unseal {UnsealKey}} (a share, the passphrase or the token PIN) → the status
 *   <li>{@code RotateRoot {}} → {@code {RootGeneration}} and the status
 * </ul>
 *
 * <p>Every operation is audited; {@code UnsealKey} and {@code UnsealShares} are never recorded.
 */
public final class OperatorApi {
  public static final String TARGET_PREFIX = "Coffer_Operator_20261101";

  private OperatorApi() {}

  public static Api create(SealManager seal, String adminAccountId) {
    Access access = new Access(adminAccountId);
    return Api.of(
        TARGET_PREFIX,
        "coffer",
        "Message",
        List.of(
            new StatusHandler(seal, access),
            new InitHandler(seal, access),
            new UnsealHandler(seal, access),
            new RotateRootHandler(seal, access)));
  }

  /** The root user of the server's account, and nobody else. */
  record Access(String adminAccountId) {
    void check(RequestContext ctx, String operation) {
      Caller c = ctx.caller();
      if (c.type() != Caller.Type.Root || !c.accountId().equals(adminAccountId)) {
        throw new AccessDeniedException(
            "User: " + c.arn() + " is not authorized to perform: coffer:" + operation);
      }
    }
  }

  /** The status members every operation returns. */
  static ObjectNode status(SealManager.Status s) {
    ObjectNode o = Json.object();
    o.put("State", s.state().name());
    o.put("Initialized", s.state() != SealManager.State.UNINITIALISED);
    o.put("Sealed", s.state() != SealManager.State.UNSEALED);
    o.put("SealType", s.sealType());
    o.put("SharesSubmitted", s.sharesSubmitted());
    o.put("SharesNeeded", s.sharesNeeded());
    o.put("RootGeneration", s.activeGeneration());
    o.put("RewrapRemaining", s.rewrapRemaining());
    o.put("RewrapInProgress", s.rewrapping());
    return o;
  }
}
