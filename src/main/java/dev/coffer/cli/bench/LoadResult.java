package dev.coffer.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@code coffer bench load} and its two renderings, text for people and JSON for
 * scripts.
 *
 * @param operation the API operation that was sent
 * @param connections concurrent connections
 * @param secrets how many secrets the requests were spread over
 * @param warmup the warm-up length
 * @param observed what the measured phase saw
 * @param serverBefore the server process at the start of the measured phase, when its pid was given
 * @param serverAfter the server process at the end of the measured phase
 * @param harnessCpu CPU time the harness itself used during the measured phase
 */
record LoadResult(
    String operation,
    int connections,
    int secrets,
    Duration warmup,
    LoadRun.Observed observed,
    Optional<ProcessSample> serverBefore,
    Optional<ProcessSample> serverAfter,
    Duration harnessCpu) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final double[] PERCENTILES = {50, 90, 99, 99.9};

  long requests() {
    return observed.latencyNanos().getTotalCount();
  }

  long failed() {
    return observed.failures().values().stream().mapToLong(Long::longValue).sum();
  }

  double requestsPerSecond() {
    return requests() / seconds(observed.elapsed());
  }

  /** Latency at {@code percentile} in milliseconds. */
  double latencyMs(double percentile) {
    return observed.latencyNanos().getValueAtPercentile(percentile) / 1e6;
  }

  double maxLatencyMs() {
    return observed.latencyNanos().getMaxValue() / 1e6;
  }

  /** Server CPU use in cores (1.0 = one core busy all the time) over the measured phase. */
  Optional<Double> serverCores() {
    if (serverBefore.isEmpty() || serverAfter.isEmpty()) {
      return Optional.empty();
    }
    double cpuSeconds =
        (serverAfter.get().cpuTicks() - serverBefore.get().cpuTicks())
            / (double) ProcessSample.TICKS_PER_SECOND;
    return Optional.of(cpuSeconds / seconds(observed.elapsed()));
  }

  /**
   * Server CPU time per request in microseconds over the measured phase. Unlike requests/s it does
   * not depend on how the machine's CPUs were shared, so it compares two builds more steadily.
   */
  Optional<Double> serverCpuMicrosPerRequest() {
    return serverCores()
        .filter(c -> requests() > 0)
        .map(c -> c * seconds(observed.elapsed()) * 1e6 / requests());
  }

  /**
   * Server context switches per request over the measured phase: each one is a thread that went to
   * sleep or was preempted, and on a virtual machine a wake-up across CPUs costs far more than the
   * switch itself.
   */
  Optional<Double> serverContextSwitchesPerRequest() {
    if (serverBefore.isEmpty() || serverAfter.isEmpty() || requests() == 0) {
      return Optional.empty();
    }
    long switches = serverAfter.get().contextSwitches() - serverBefore.get().contextSwitches();
    return Optional.of(Math.max(0, switches) / (double) requests());
  }

  double harnessCores() {
    return seconds(harnessCpu) / seconds(observed.elapsed());
  }

  String text() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "coffer bench load: %s, %d connections, %d secret(s), %s warm-up, %.2f s measured%n",
            operation,
            connections,
            secrets,
            human(warmup),
            seconds(observed.elapsed())));
    b.append(
        String.format(
            Locale.ROOT,
            "  requests     %,d (%,d ok, %,d failed)%n",
            requests(),
            observed.ok(),
            failed()));
    b.append(String.format(Locale.ROOT, "  throughput   %,.0f req/s%n", requestsPerSecond()));
    b.append(
        String.format(
            Locale.ROOT,
            "  latency ms   p50 %.3f   p90 %.3f   p99 %.3f   p99.9 %.3f   max %.3f%n",
            latencyMs(50),
            latencyMs(90),
            latencyMs(99),
            latencyMs(99.9),
            maxLatencyMs()));
    for (Map.Entry<String, Long> f : observed.failures().entrySet()) {
      b.append(String.format(Locale.ROOT, "  failed       %s: %,d%n", f.getKey(), f.getValue()));
    }
    serverAfter.ifPresent(s ->
        b.append(
            String.format(
                Locale.ROOT,
                "  server       RSS %,d MiB (peak %,d MiB)%s%s%n",
                s.rssKib() / 1024,
                s.peakRssKib() / 1024,
                serverCores()
                    .map(c -> String.format(Locale.ROOT, ", CPU %.2f cores", c))
                    .orElse(""),
                perRequest())));
    b.append(String.format(Locale.ROOT, "  harness CPU  %.2f cores%n", harnessCores()));
    return b.toString();
  }

  /** ", 123 µs CPU and 1.25 context switches a request", or nothing without server samples. */
  private String perRequest() {
    Optional<Double> cpu = serverCpuMicrosPerRequest();
    Optional<Double> switches = serverContextSwitchesPerRequest();
    if (cpu.isEmpty() || switches.isEmpty()) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        ", %.0f µs CPU and %.2f context switches a request",
        cpu.get(),
        switches.get());
  }

  /** A markdown table: the header and this result's row (scripts keep the row of later runs). */
  String markdown() {
    String row =
        String.format(
            Locale.ROOT,
            "| %s | %d | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %,d | %s | %s | %s | %s |",
            operation,
            connections,
            requestsPerSecond(),
            latencyMs(50),
            latencyMs(90),
            latencyMs(99),
            latencyMs(99.9),
            maxLatencyMs(),
            failed(),
            serverAfter
                .map(m -> (m.rssKib() / 1024) + " (" + (m.peakRssKib() / 1024) + ")")
                .orElse("-"),
            serverCores().map(c -> String.format(Locale.ROOT, "%.2f", c)).orElse("-"),
            serverCpuMicrosPerRequest().map(c -> String.format(Locale.ROOT, "%.0f", c)).orElse("-"),
            serverContextSwitchesPerRequest()
                .map(c -> String.format(Locale.ROOT, "%.2f", c))
                .orElse("-"));
    return "| operation | connections | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |"
        + " failed | server RSS MiB (peak) | server CPU cores | server CPU µs/req |"
        + " server switches/req |"
        + System.lineSeparator()
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        + System.lineSeparator()
        + row
        + System.lineSeparator();
  }

  String json() {
    ObjectNode o = JSON.createObjectNode();
    o.put("operation", operation);
    o.put("connections", connections);
    o.put("secrets", secrets);
    o.put("warmupSeconds", seconds(warmup));
    o.put("measuredSeconds", seconds(observed.elapsed()));
    o.put("requests", requests());
    o.put("ok", observed.ok());
    o.put("requestsPerSecond", round(requestsPerSecond()));
    ObjectNode latency = o.putObject("latencyMs");
    for (double p : PERCENTILES) {
      latency.put("p" + (p == Math.rint(p) ? Long.toString((long) p) : p), round(latencyMs(p)));
    }
    latency.put("max", round(maxLatencyMs()));
    ObjectNode failures = o.putObject("failures");
    observed.failures().forEach(failures::put);
    serverAfter.ifPresent(s -> {
      ObjectNode server = o.putObject("server");
      server.put("rssKib", s.rssKib());
      server.put("peakRssKib", s.peakRssKib());
      serverCores().ifPresent(c -> server.put("cpuCores", round(c)));
      serverCpuMicrosPerRequest().ifPresent(c -> server.put("cpuMicrosPerRequest", round(c)));
      serverContextSwitchesPerRequest()
          .ifPresent(c -> server.put("contextSwitchesPerRequest", round(c)));
    });
    o.put("harnessCpuCores", round(harnessCores()));
    try {
      return JSON.writeValueAsString(o) + System.lineSeparator();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
