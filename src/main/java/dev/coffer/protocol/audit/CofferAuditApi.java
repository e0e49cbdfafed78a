package dev.coffer.protocol.audit;

import dev.coffer.audit.AuditTrail;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.protocol.Api;
import java.util.List;

/**
 * Coffer's own audit API, used by {@code coffer audit verify|export|tail}: awsJson 1.1, target
 * prefix {@code Coffer_Audit_20261101}, SigV4 service {@code coffer}. It hands out the raw stored
 * events, digests and public keys so that a client can check the chain itself. Until policies are
 * enforced, only the root user of the server's own account may call it (the log holds every
 * account's events).
 *
 * <ul>
 *   <li>{@code ListAuditEvents {FromSequence?, ToSequence?, Latest?, MaxResults?}} → {@code
 *       {Events: [...], NextSequence?}}
 *   <li>{@code ListAuditDigests {FromDigestSequence?, StartTime?, EndTime?, MaxResults?}} → {@code
 *       {Digests: [...], NextDigestSequence?}}
 *   <li>{@code GetAuditHead {}} → {@code {LastEventSequence, LastDigestSequence,
 *       ArchivedDigestSequence}}
 *   <li>{@code GetAuditPublicKeys {}} → {@code {PublicKeys: [{Fingerprint, PublicKey (PEM)}]}}
 *   <li>{@code SealAuditDigest {}} → {@code {Digest?}}: seals the unsealed events now
 * </ul>
 */
public final class CofferAuditApi {
  public static final String TARGET_PREFIX = "Coffer_Audit_20261101";
  static final int MAX_PAGE = 1000;

  private CofferAuditApi() {}

  public static Api create(AuditTrail trail, String adminAccountId) {
    Access access = new Access(adminAccountId);
    return Api.of(
        TARGET_PREFIX,
        "coffer",
        "Message",
        List.of(
            new ListAuditEventsHandler(trail.reader(), access),
            new ListAuditDigestsHandler(trail.reader(), access),
            new GetAuditHeadHandler(trail.reader(), access),
            new GetAuditPublicKeysHandler(trail.reader(), access),
            new SealAuditDigestHandler(trail, access)));
  }

  /** Who may read the whole audit log. */
  record Access(String adminAccountId) {
    void check(RequestContext ctx, String operation) {
      Caller c = ctx.caller();
      if (c.type() != Caller.Type.Root || !c.accountId().equals(adminAccountId)) {
        throw new AccessDeniedException(
            "User: " + c.arn() + " is not authorized to perform: coffer:" + operation);
      }
    }
  }
}
