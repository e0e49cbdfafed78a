package dev.coffer.secrets;

import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.crypto.KeyFile;
import dev.coffer.kms.LocalKeyProtector;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SecretsService#getValue} on SQLite without HTTP: resolving the secret, loading it and its
 * value, and unsealing, which is what GetSecretValue costs below the protocol layer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SecretReadBenchmark {
  private static final String ACCOUNT = "123456789012";
  private Path dir;
  private Store store;
  private SecretsService secrets;
  private RequestContext ctx;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("coffer-jmh");
    store = Store.open("jdbc:sqlite:" + dir.resolve("coffer.db"), "", "");
    secrets =
        new SecretsService(
            store,
            new LocalKeyProtector(KeyFile.loadOrCreate(dir.resolve("value.key"))),
            Clock.systemUTC());
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
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public SecretValueView getValueByName() {
    return secrets.getValue(ctx, "app/db", Optional.empty(), Optional.empty());
  }
}
