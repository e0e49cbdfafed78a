package dev.coffer.secrets;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The envelope's cost on GetSecretValue's read path measured in <em>CPU time of the calling
 * thread</em>, which a machine shared with other work disturbs far less than wall-clock time: two
 * {@link SecretsService}s on two SQLite stores, one with the real KMS envelope and one storing
 * values as they are, called in alternating blocks (envelope, plain, envelope, ...) so that both
 * see the same background load; prints the median CPU µs per call of each and their difference.
 *
 * <pre>
 * ./build -Pbench package
 * java --enable-native-access=ALL-UNNAMED -cp target/benchmarks.jar \
 *     dev.coffer.secrets.EnvelopeCostProbe [rounds=15] [callsPerBlock=20000]
 * </pre>
 */
public final class EnvelopeCostProbe {
  private EnvelopeCostProbe() {}

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (Fixture envelope = new Fixture(true);
        Fixture plain = new Fixture(false)) {
      // Warm-up: both paths compiled before anything is counted.
      for (int i = 0; i < 3; i++) {
        envelope.run(calls);
        plain.run(calls);
      }
      List<Double> e = new ArrayList<>();
      List<Double> p = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        // Alternate which goes first, so that neither always follows the other.
        Fixture first = r % 2 == 0 ? envelope : plain;
        Fixture second = r % 2 == 0 ? plain : envelope;
        double a = cpuMicrosPerCall(mx, first, calls);
        double b = cpuMicrosPerCall(mx, second, calls);
        (first == envelope ? e : p).add(a);
        (second == envelope ? e : p).add(b);
        System.out.printf(
            Locale.ROOT,
            "round %2d: envelope %7.2f µs   plain %7.2f µs (CPU per call)%n",
            r + 1,
            first == envelope ? a : b,
            first == envelope ? b : a);
      }
      double me = median(e);
      double mp = median(p);
      System.out.printf(
          Locale.ROOT,
          "median over %d rounds of %d calls: envelope %.2f µs, plain %.2f µs,"
              + " envelope adds %.2f µs CPU per GetSecretValue read%n",
          rounds,
          calls,
          me,
          mp,
          me - mp);
    }
  }

  private static double cpuMicrosPerCall(ThreadMXBean mx, Fixture f, int calls) {
    long start = mx.getCurrentThreadCpuTime();
    f.run(calls);
    return (mx.getCurrentThreadCpuTime() - start) / 1_000.0 / calls;
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** A {@link ReadFixture} read in blocks, its results kept so that no read is optimised away. */
  private static final class Fixture implements AutoCloseable {
    private final ReadFixture reads;
    private int sink;

    Fixture(boolean withEnvelope) throws IOException {
      reads =
          new ReadFixture(
              withEnvelope ? ReadFixture.Protection.ENVELOPE : ReadFixture.Protection.PLAIN);
    }

    void run(int calls) {
      for (int i = 0; i < calls; i++) {
        sink += reads.read().hashCode();
      }
    }

    @Override
    public void close() throws IOException {
      reads.close();
      if (sink == 42) {
        System.out.print("");
      }
    }
  }
}
