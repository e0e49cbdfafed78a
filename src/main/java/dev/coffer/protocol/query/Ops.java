package dev.coffer.protocol.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import java.util.function.BiFunction;

/** Builds query operations from functions, for APIs whose handlers are a few lines each. */
public final class Ops {
  private Ops() {}

  /** An operation that acts on the resource {@code resource} computes. */
  public static QueryOperation op(
      String name,
      BiFunction<RequestContext, QueryInput, String> resource,
      BiFunction<RequestContext, QueryInput, ObjectNode> handler) {
    return new QueryOperation() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ObjectNode handle(RequestContext ctx, QueryInput input) {
        return handler.apply(ctx, input);
      }

      @Override
      public String resource(RequestContext ctx, QueryInput input) {
        return resource.apply(ctx, input);
      }
    };
  }

  /** An operation every authenticated principal may call, or that authorizes itself. */
  public static QueryOperation open(
      String name, BiFunction<RequestContext, QueryInput, ObjectNode> handler) {
    return new QueryOperation() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ObjectNode handle(RequestContext ctx, QueryInput input) {
        return handler.apply(ctx, input);
      }

      @Override
      public boolean needsIdentityPolicy() {
        return false;
      }
    };
  }
}
