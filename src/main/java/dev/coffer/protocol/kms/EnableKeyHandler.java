package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** EnableKey: a disabled key becomes Enabled; no output. */
public final class EnableKeyHandler implements Operation {
  private final KeyService service;

  public EnableKeyHandler(KeyService service) {
    this.service = service;
  }

  @Override
  public String name() {
    return "EnableKey";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    in.validate();
    service.enable(ctx, keyId);
    return Json.object();
  }
}
