package dev.coffer.server.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.server.SealManager;

/** Status: whether the server is initialised and sealed, unseal progress, re-wrap progress. */
final class StatusHandler implements Operation {
  private final SealManager seal;
  private final OperatorApi.Access access;

  StatusHandler(SealManager seal, OperatorApi.Access access) {
    this.seal = seal;
    this.access = access;
  }

  @Override
  public String name() {
    return "Status";
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    in.validate();
    access.check(ctx, name());
    return OperatorApi.status(seal.status());
  }
}
