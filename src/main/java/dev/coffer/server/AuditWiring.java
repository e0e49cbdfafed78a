package dev.coffer.server;

import dev.coffer.audit.AuditTrail;
import dev.coffer.audit.ChainWitness;
import dev.coffer.crypto.SigningKeyVault;
import dev.coffer.protocol.Api;
import dev.coffer.protocol.audit.CofferAuditApi;
import dev.coffer.protocol.cloudtrail.CloudTrailApi;
import dev.coffer.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the audit trail and adds the APIs that read it (CloudTrail LookupEvents, Coffer's own).
 */
final class AuditWiring {
  private AuditWiring() {}

  static AuditTrail start(
      ServerConfig config, Store store, Clock clock, SigningKeyVault vault, ChainWitness witness) {
    return AuditTrail.start(
        store, clock, vault, config.dataDir().resolve("audit-archive"), config.audit(), witness);
  }

  static List<Api> withAuditApis(
      List<Api> apis,
      AuditTrail audit,
      ServerConfig config,
      Clock clock,
      dev.coffer.policy.Authorizer authorizer) {
    List<Api> all = new ArrayList<>(apis);
    all.add(CloudTrailApi.create(audit.reader(), clock, authorizer));
    all.add(CofferAuditApi.create(audit, config.accountId()));
    return List.copyOf(all);
  }
}
