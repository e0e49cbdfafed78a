package dev.coffer.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Memory, CPU time and context switches of a local process, from Linux's {@code /proc/PID/status}
 * ({@code VmRSS}, {@code VmHWM}), {@code /proc/PID/stat} ({@code utime} and {@code stime}, fields
 * 14 and 15, in clock ticks) and each thread's {@code /proc/PID/task/TID/status} ({@code
 * voluntary_ctxt_switches}, {@code nonvoluntary_ctxt_switches}); see proc(5).
 *
 * @param rssKib resident set size now
 * @param peakRssKib the peak resident set size ("high water mark") since the process started
 * @param cpuTicks user plus system CPU time so far
 * @param contextSwitches voluntary plus involuntary context switches of the threads alive now, so
 *     far; threads that have ended are not counted, which is why it is only comparable between
 *     samples of a process whose threads live long (a server under steady load)
 */
record ProcessSample(long rssKib, long peakRssKib, long cpuTicks, long contextSwitches) {
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
      OptionalLong rss = number(status, "VmRSS:");
      OptionalLong hwm = number(status, "VmHWM:");
      // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
      String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
      if (rss.isEmpty() || hwm.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new ProcessSample(rss.getAsLong(), hwm.getAsLong(), ticks, contextSwitches(pid)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Context switches of the threads of {@code pid} alive now. A thread that ends while it is being
   * read is skipped.
   */
  private static long contextSwitches(long pid) throws IOException {
    long total = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String status;
        try {
          status = Files.readString(task.resolve("status"));
        } catch (IOException gone) {
          continue;
        }
        total += number(status, "voluntary_ctxt_switches:").orElse(0);
        total += number(status, "nonvoluntary_ctxt_switches:").orElse(0);
      }
    }
    return total;
  }

  /** The first number after {@code field} at the start of a line of {@code status}. */
  private static OptionalLong number(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field)) {
        String[] parts = line.substring(field.length()).trim().split("\\s+");
        return OptionalLong.of(Long.parseLong(parts[0]));
      }
    }
    return OptionalLong.empty();
  }
}
