package dev.coffer.secrets;

import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.Kms;
import dev.coffer.kms.ValueProtector;
import dev.coffer.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the envelope adds to GetSecretValue below the protocol layer: {@link
 * SecretsService#getValue} on SQLite for a 1 KiB value, with the real KMS envelope ({@code
 * envelope}: key state check, data key unwrapped under the cached KMS key material, value
 * decrypted, data key wiped) and with a stand-in that stores the value as it is ({@code plain},
 * benchmark only: no encryption at all). The difference is the envelope's cost per read; compare it
 * with the server CPU per GetSecretValue that {@code bench/run-load.sh} reports.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class EnvelopeReadBenchmark {
  private static final String ACCOUNT = "123456789012";

  @Param({"envelope", "plain"})
  public String protector;

  private Path dir;
  private Store store;
  private Kms kms;
  private SecretsService secrets;
  private RequestContext ctx;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("coffer-jmh");
    store = Store.open("jdbc:sqlite:" + dir.resolve("coffer.db"), "", "");
    kms = Kms.start(store, EnvelopeCostProbe.rootKeyring(dir), Clock.systemUTC());
    ValueProtector p =
        protector.equals("plain") ? new PlainProtector() : kms.envelope(Optional.empty());
    secrets = new SecretsService(store, p, Clock.systemUTC());
    ctx =
        new RequestContext(
            "benchmark",
            Instant.now(),
            Caller.root(ACCOUNT, "AKIDBENCHMARK0000001"),
            "us-east-1",
            "127.0.0.1",
            "jmh",
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
    secrets.getValue(ctx, "app/db", Optional.empty(), Optional.empty()); // records the access
  }

  @TearDown
  public void tearDown() throws IOException {
    kms.close();
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  @Benchmark
  public SecretValueView getValue() {
    return secrets.getValue(ctx, "app/db", Optional.empty(), Optional.empty());
  }
}
