package dev.coffer.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;

/** One API operation: reads its input, calls the service layer, and writes its output. */
public interface Operation {
  /** The operation's name as it appears after the target prefix in {@code X-Amz-Target}. */
  String name();

  /**
   * Handles one call. Must call {@link JsonInput#validate()} before acting on the input.
   *
   * @return the output structure; an empty object for operations without output
   */
  ObjectNode handle(RequestContext ctx, JsonInput input);

  /**
   * Whether the operation changes no state. A read-only call is answered once its audit event is
   * durable; any other call runs in one transaction with its audit event. The default looks the
   * name up in {@link ReadOnlyOperations}, the one list of read-only operations.
   */
  default boolean readOnly() {
    return ReadOnlyOperations.contains(name());
  }

  /**
   * Whether the operation changes state but commits its changes itself, outside the call's
   * transaction (the operator API: unsealing, initialising, rotating the root key). Its event is
   * recorded after it ran, through the group commit like a read-only call's, yet marked {@code
   * readOnly: false}.
   */
  default boolean commitsItself() {
    return false;
  }
}
