package dev.coffer.compliance;

import java.time.Duration;
import java.util.Optional;

/** MaximumExecutionFrequency of periodic rules; TwentyFour_Hours when not given (AWS's default). */
public enum ExecutionFrequency {
  One_Hour(Duration.ofHours(1)),
  Three_Hours(Duration.ofHours(3)),
  Six_Hours(Duration.ofHours(6)),
  Twelve_Hours(Duration.ofHours(12)),
  TwentyFour_Hours(Duration.ofHours(24));

  private final Duration period;

  ExecutionFrequency(Duration period) {
    this.period = period;
  }

  public Duration period() {
    return period;
  }

  public static Optional<ExecutionFrequency> parse(String value) {
    for (ExecutionFrequency f : values()) {
      if (f.name().equals(value)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The period of a rule: its frequency, or 24 hours. */
  public static Duration of(ConfigRule rule) {
    return rule.maximumExecutionFrequency()
        .flatMap(ExecutionFrequency::parse)
        .orElse(TwentyFour_Hours)
        .period();
  }
}
