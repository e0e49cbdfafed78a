package dev.coffer.secrets;

import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.crypto.KeyFileSeal;
import dev.coffer.crypto.RootKeyring;
import dev.coffer.crypto.Sealer;
import dev.coffer.kms.Kms;
import dev.coffer.kms.ValueProtector;
import dev.coffer.store.Store;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

  /** One store and service with a 1 KiB secret. */
  private static final class Fixture implements AutoCloseable {
    private final Path dir;
    private final Store store;
    private final Kms kms;
    private final SecretsService secrets;
    private final RequestContext ctx;
    private int sink;

    Fixture(boolean withEnvelope) throws IOException {
      dir = Files.createTempDirectory("coffer-probe");
      store = Store.open("jdbc:sqlite:" + dir.resolve("coffer.db"), "", "");
      kms = Kms.start(store, rootKeyring(dir), Clock.systemUTC());
      ValueProtector protector =
          withEnvelope ? kms.envelope(Optional.empty()) : new PlainProtector();
      secrets = new SecretsService(store, protector, Clock.systemUTC());
      ctx =
          new RequestContext(
              "probe",
              Instant.now(),
              Caller.root("123456789012", "AKIDPROBE00000000001"),
              "us-east-1",
              "127.0.0.1",
              "probe",
              false,
              Optional.empty());
      secrets.create(
          ctx,
          new SecretsService.CreateRequest(
              "app/db",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.of(SecretPayload.ofString("x".repeat(1024))),
              List.of(),
              Optional.empty()));
      secrets.getValue(ctx, "app/db", Optional.empty(), Optional.empty());
    }

    void run(int calls) {
      for (int i = 0; i < calls; i++) {
        sink += secrets.getValue(ctx, "app/db", Optional.empty(), Optional.empty()).hashCode();
      }
    }

    @Override
    public void close() throws IOException {
      kms.close();
      store.close();
      try (var files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
      if (sink == 42) {
        System.out.print("");
      }
    }
  }

  /**
   * A root keyring of one generation, sealed by a key file in {@code dir}, as {@code coffer dev}
   * has.
   */
  static RootKeyring rootKeyring(Path dir) {
    Sealer sealer = new KeyFileSeal(dir.resolve("seal.key")).initialise(1, 1).sealer();
    RootKeyring.Generation g = RootKeyring.initialise(sealer, 1, Optional.empty());
    return RootKeyring.open(sealer, List.of(g), id -> Optional.empty());
  }
}
