package dev.coffer.rotation;

import dev.coffer.secrets.RotationEvent;
import dev.coffer.secrets.RotationEvents;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts rotation events: {@code coffer.rotation.events{event=RotationSucceeded,scheduled=true}}
 * for outcomes, {@code coffer.rotation.steps{step=setSecret,result=failed}} for steps. A small
 * counter registry of its own (Micrometer is not on the classpath); the keys follow Micrometer's
 * name-and-tags shape so that a registry can take them over. Never counts by secret: metrics must
 * not grow with the number of secrets or carry names.
 */
public final class RotationMetrics implements RotationEvents {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  @Override
  public void emit(RotationEvent event) {
    String key =
        event.name().equals(RotationEvent.STEP)
            ? "coffer.rotation.steps{step="
                + event.step().orElse("unknown")
                + ",result="
                + (event.succeeded() ? "succeeded" : "failed")
                + "}"
            : "coffer.rotation.events{event="
                + event.name()
                + ",scheduled="
                + event.scheduled()
                + "}";
    counters.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** The count under {@code key} (as {@link #snapshot} names it); zero if never counted. */
  public long count(String key) {
    LongAdder a = counters.get(key);
    return a == null ? 0 : a.sum();
  }

  /** Every counter, sorted by key. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
