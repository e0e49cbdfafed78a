package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.AliasService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** DeleteAlias: removes the alias, not its key; no output. */
public final class DeleteAliasHandler implements Operation {
  private final AliasService aliases;

  public DeleteAliasHandler(AliasService aliases) {
    this.aliases = aliases;
  }

  @Override
  public String name() {
    return "DeleteAlias";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String alias = in.requiredString("AliasName", 1, 256, KmsMembers.ALIAS_NAME);
    in.validate();
    aliases.delete(ctx, alias);
    return Json.object();
  }
}
