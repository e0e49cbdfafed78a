package dev.coffer.secrets;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
  @Param({"envelope", "plain"})
  public String protector;

  private ReadFixture fixture;

  @Setup
  public void setUp() throws IOException {
    fixture =
        new ReadFixture(
            protector.equals("plain")
                ? ReadFixture.Protection.PLAIN
                : ReadFixture.Protection.ENVELOPE);
  }

  @TearDown
  public void tearDown() throws IOException {
    fixture.close();
  }

  @Benchmark
  public SecretValueView getValue() {
    return fixture.read();
  }
}
