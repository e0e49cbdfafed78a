package dev.coffer.secrets;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
  private ReadFixture fixture;

  @Setup
  public void setUp() throws IOException {
    fixture = new ReadFixture(ReadFixture.Protection.LOCAL_KEY);
  }

  @TearDown
  public void tearDown() throws IOException {
    fixture.close();
  }

  @Benchmark
  public SecretValueView getValueByName() {
    return fixture.read();
  }
}
