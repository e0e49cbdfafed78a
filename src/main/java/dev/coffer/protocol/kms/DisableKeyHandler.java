package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** DisableKey: the key stays but cannot be used for cryptography; no output. */
public final class DisableKeyHandler implements Operation {
  private final KeyService service;

  public DisableKeyHandler(KeyService service) {
    this.service = service;
  }

  @Override
  public String name() {
    return "DisableKey";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String keyId = KmsMembers.keyId(in);
    in.validate();
    service.disable(ctx, keyId);
    return Json.object();
  }
}
