package dev.coffer.protocol.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.ReadOnlyOperations;

/** One operation of an AWS query-protocol API (IAM, STS). */
public interface QueryOperation {
  /** The operation's {@code Action} name. */
  String name();

  /**
   * Handles one call.
   *
   * @return the members of the operation's Result element, as a JSON tree (see {@link QueryXml})
   */
  ObjectNode handle(RequestContext ctx, QueryInput input);

  /** The ARN the call acts on, for authorization; {@code *} when it names none. */
  default String resource(RequestContext ctx, QueryInput input) {
    return "*";
  }

  /**
   * Whether the caller needs an identity policy allowing the action; false for calls every
   * principal may make (GetCallerIdentity) and those that authorize themselves (AssumeRole).
   */
  default boolean needsIdentityPolicy() {
    return true;
  }

  /** Whether the operation changes no state (see {@link ReadOnlyOperations}). */
  default boolean readOnly() {
    return ReadOnlyOperations.contains(name());
  }
}
