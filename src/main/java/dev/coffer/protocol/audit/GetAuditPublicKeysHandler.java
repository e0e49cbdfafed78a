package dev.coffer.protocol.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.audit.AuditReader;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.Base64;
import java.util.Map;

/**
 * GetAuditPublicKeys: the keys digests are signed with, as PEM, with their fingerprints (like
 * CloudTrail's ListPublicKeys).
 */
final class GetAuditPublicKeysHandler implements Operation {
  private final AuditReader reader;
  private final CofferAuditApi.Access access;

  GetAuditPublicKeysHandler(AuditReader reader, CofferAuditApi.Access access) {
    this.reader = reader;
    this.access = access;
  }

  @Override
  public String name() {
    return "GetAuditPublicKeys";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    in.validate();
    access.check(ctx, name());
    ObjectNode out = Json.object();
    ArrayNode keys = out.putArray("PublicKeys");
    for (Map.Entry<String, byte[]> k : reader.publicKeys().entrySet()) {
      keys.addObject().put("Fingerprint", k.getKey()).put("PublicKey", pem(k.getValue()));
    }
    return out;
  }

  /** PEM "PUBLIC KEY" (RFC 7468 §13) of X.509 DER. */
  private static String pem(byte[] der) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
  }
}
