package dev.coffer.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Memory and CPU time of a local process, from Linux's {@code /proc/PID/status} ({@code VmRSS},
 * {@code VmHWM}) and {@code /proc/PID/stat} ({@code utime} and {@code stime}, fields 14 and 15, in
 * clock ticks); see proc(5).
 *
 * @param rssKib resident set size now
 * @param peakRssKib the peak resident set size ("high water mark") since the process started
 * @param cpuTicks user plus system CPU time so far
 */
record ProcessSample(long rssKib, long peakRssKib, long cpuTicks) {
  /**
   * Clock ticks per second. {@code sysconf(_SC_CLK_TCK)} is 100 on every Linux architecture the JDK
   * supports; reading it needs native code, so the value is assumed.
   */
  static final long TICKS_PER_SECOND = 100;

  /** A sample of {@code pid}, empty when the process does not exist or this is not Linux. */
  static Optional<ProcessSample> of(long pid) {
    try {
      String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      OptionalLong rss = kib(status, "VmRSS:");
      OptionalLong hwm = kib(status, "VmHWM:");
      // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
      String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
      if (rss.isEmpty() || hwm.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ProcessSample(rss.getAsLong(), hwm.getAsLong(), ticks));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static OptionalLong kib(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field)) {
        String[] parts = line.substring(field.length()).trim().split("\\s+");
        return OptionalLong.of(Long.parseLong(parts[0]));
      }
    }
    return OptionalLong.empty();
  }
}
