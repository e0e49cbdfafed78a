package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.AliasService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** CreateAlias: points an alias at a customer managed key; no output. */
public final class CreateAliasHandler implements Operation {
  private final AliasService aliases;

  public CreateAliasHandler(AliasService aliases) {
    this.aliases = aliases;
  }

  @Override
  public String name() {
    return "CreateAlias";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String alias = in.requiredString("AliasName", 1, 256, KmsMembers.ALIAS_NAME);
    String target = in.requiredString("TargetKeyId", 1, 2048);
    in.validate();
    aliases.create(ctx, alias, target);
    return Json.object();
  }
}
