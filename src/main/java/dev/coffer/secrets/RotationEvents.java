package dev.coffer.secrets;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single hook through which every rotation step and outcome leaves the domain: metrics today,
 * the audit trail once it exists. Implementations must be quick and must not throw; they are called
 * after the change they describe has committed.
 */
@FunctionalInterface
public interface RotationEvents {

  /** Reports nothing. */
  RotationEvents NONE = event -> {};

  void emit(RotationEvent event);

  /** Reports to each of {@code sinks}; one that throws does not stop the others. */
  static RotationEvents all(List<RotationEvents> sinks) {
    List<RotationEvents> copy = List.copyOf(sinks);
    Logger log = Logger.getLogger(RotationEvents.class.getName());
    return event -> {
      for (RotationEvents sink : copy) {
        try {
          sink.emit(event);
        } catch (RuntimeException e) {
          log.log(Level.WARNING, "a rotation event sink failed", e);
        }
      }
    };
  }
}
