package dev.coffer.server.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.server.SealManager;

/**
 * RotateRoot: a new root key generation becomes active; key material and signing keys are
 * re-wrapped under it in the background (progress in Status) while the server keeps serving.
 */
final class RotateRootHandler implements Operation {
  private final SealManager seal;
  private final OperatorApi.Access access;

  RotateRootHandler(SealManager seal, OperatorApi.Access access) {
    this.seal = seal;
    this.access = access;
  }

  @Override
  public String name() {
    return "RotateRoot";
  }

  /** Recorded after it ran, outside a transaction: it commits the new generation itself. */
  @Override
  public boolean commitsItself() {
    return true;
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    in.validate();
    access.check(ctx, name());
    seal.rotate();
    return OperatorApi.status(seal.status());
  }
}
