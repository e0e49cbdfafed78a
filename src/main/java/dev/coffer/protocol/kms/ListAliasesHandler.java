package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.AliasService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.Optional;

/** ListAliases by name, optionally of one key; Limit 1..100, default 50. */
public final class ListAliasesHandler implements Operation {
  private final AliasService aliases;

  public ListAliasesHandler(AliasService aliases) {
    this.aliases = aliases;
  }

  @Override
  public String name() {
    return "ListAliases";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    Optional<String> keyId = KmsMembers.optionalKeyId(in, "KeyId");
    Markers.Page page = Markers.read(in, 100, 50);
    in.validate();
    ObjectNode out = Json.object();
    Markers.write(
        out,
        "Aliases",
        aliases.list(ctx, keyId),
        page,
        "ListAliases|" + ctx.accountId() + "|" + ctx.region() + "|" + keyId.orElse(""),
        a -> {
          ObjectNode o = Json.object();
          o.put("AliasName", a.aliasName());
          o.put("AliasArn", a.aliasArn());
          Json.putIfPresent(o, "TargetKeyId", a.targetKeyId());
          Json.putTimeIfPresent(o, "CreationDate", a.creationDate());
          Json.putTimeIfPresent(o, "LastUpdatedDate", a.lastUpdatedDate());
          return o;
        });
    return out;
  }
}
