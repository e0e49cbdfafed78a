package dev.coffer.kms;

import dev.coffer.crypto.SecretBytes;
import java.security.SecureRandom;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * AES-256-GCM sealing and unsealing of a 1 KiB secret value through {@link LocalKeyProtector}, with
 * the {@code {SecretARN, SecretVersionId}} encryption context as associated data.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValueProtectionBenchmark {
  private static final Map<String, String> CONTEXT =
      Map.of(
          "SecretARN",
          "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf",
          "SecretVersionId",
          "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE");
  private LocalKeyProtector protector;
  private byte[] plaintext;
  private ValueProtector.Protected sealed;

  @Setup
  public void setUp() {
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[32];
    random.nextBytes(key);
    protector = new LocalKeyProtector(SecretBytes.copyOf(key));
    plaintext = new byte[1024];
    random.nextBytes(plaintext);
    sealed = protector.protect("123456789012", "us-east-1", "", CONTEXT, plaintext);
  }

  @Benchmark
  public ValueProtector.Protected seal1KiB() {
    return protector.protect("123456789012", "us-east-1", "", CONTEXT, plaintext);
  }

  @Benchmark
  public byte[] unseal1KiB() {
    return protector.unprotect(sealed, CONTEXT);
  }
}
