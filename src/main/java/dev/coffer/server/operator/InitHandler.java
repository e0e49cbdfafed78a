package dev.coffer.server.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.server.SealManager;
import java.util.List;

/**
 * Init: makes the first root key, sealed by the configured seal, and unseals. With the Shamir seal
 * it returns the shares (the only time they are shown; the server keeps none).
 */
final class InitHandler implements Operation {
  private final SealManager seal;
  private final OperatorApi.Access access;

  InitHandler(SealManager seal, OperatorApi.Access access) {
    this.seal = seal;
    this.access = access;
  }

  @Override
  public String name() {
    return "Init";
  }

  /**
   * Recorded like a read (after it ran, no response elements): its answer holds the shares, and it
   * writes through the seal manager, not in the call's transaction.
   */
  @Override
  public boolean commitsItself() {
    return true;
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    int shares = in.integer("Shares", 1, 255).orElse(5L).intValue();
    int threshold = in.integer("Threshold", 1, 255).orElse(3L).intValue();
    in.validate();
    access.check(ctx, name());
    List<String> made = seal.initialise(shares, threshold);
    ObjectNode out = OperatorApi.status(seal.status());
    ArrayNode list = out.putArray("UnsealShares");
    made.forEach(list::add);
    return out;
  }
}
