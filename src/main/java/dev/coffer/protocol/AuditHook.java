package dev.coffer.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.error.CofferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Lets an operation handler record audit events beyond the one every call gets, for calls that AWS
 * logs as several events: BatchGetSecretValue logs one {@code GetSecretValue} event per secret it
 * returns (Secrets Manager API Reference, BatchGetSecretValue).
 *
 * <p>Call {@link #emit} from {@code Operation.handle}, on the thread that runs it. The extra events
 * share the call's identity, request id, source address and user agent, and are committed with the
 * call's own event: in its transaction for a state-changing call, in the same group commit before
 * the answer for a read-only one, and also when the call then fails. Outside a call it does
 * nothing.
 *
 * <pre>{@code
 * AuditHook.emit("GetSecretValue", Json.object().put("SecretId", arn), Optional.empty());
 * }</pre>
 */
public final class AuditHook {
  private static final ThreadLocal<@Nullable List<Extra>> CURRENT = new ThreadLocal<>();

  /**
   * One extra event.
   *
   * @param eventName the operation it is logged as
   * @param input its request structure, in the API's member names (redacted like any request)
   * @param error the error it met, if it failed
   */
  public record Extra(String eventName, ObjectNode input, Optional<CofferException> error) {
    public Extra {
      Objects.requireNonNull(eventName, "eventName");
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(error, "error");
    }
  }

  private AuditHook() {}

  /** Records an extra event for the call being handled on this thread. */
  public static void emit(String eventName, ObjectNode input, Optional<CofferException> error) {
    List<Extra> extras = CURRENT.get();
    if (extras != null) {
      extras.add(new Extra(eventName, input.deepCopy(), error));
    }
  }

  /** Starts collecting extras on this thread; returns the list they go to. */
  static List<Extra> open() {
    List<Extra> extras = new ArrayList<>();
    CURRENT.set(extras);
    return extras;
  }

  /**
   * Collects extras into {@code extras} on this thread: a call's handler may run on another thread
   * than the one that opened the call (SQLite's writer thread runs write transactions).
   */
  static void bind(List<Extra> extras) {
    CURRENT.set(extras);
  }

  static void close() {
    CURRENT.remove();
  }

  /** Detaches this thread's collector, if any, for a nested call; see {@link #resume}. */
  static @Nullable List<Extra> suspend() {
    List<Extra> current = CURRENT.get();
    CURRENT.remove();
    return current;
  }

  /** Re-attaches the collector {@link #suspend} detached. */
  static void resume(@Nullable List<Extra> extras) {
    if (extras == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(extras);
    }
  }
}
