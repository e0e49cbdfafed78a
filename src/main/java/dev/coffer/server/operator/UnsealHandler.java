package dev.coffer.server.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.server.SealManager;

/**
 * Unseal: one share (Shamir; repeat until the threshold), the passphrase or the token PIN. The
 * value is never echoed, logged or audited.
 */
final class UnsealHandler implements Operation {
  private final SealManager seal;
  private final OperatorApi.Access access;

  UnsealHandler(SealManager seal, OperatorApi.Access access) {
    this.seal = seal;
    this.access = access;
  }

  @Override
  public String name() {
    return "Unseal";
  }

  /** Recorded after it ran, outside a transaction: unsealing starts the services. */
  @Override
  public boolean commitsItself() {
    return true;
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String key = in.sensitiveString("UnsealKey", 1, 4096).orElse("");
    if (!in.has("UnsealKey")) {
      in.requiredString("UnsealKey", 1, 4096);
    }
    in.validate();
    access.check(ctx, name());
    return OperatorApi.status(seal.unseal(key));
  }
}
