package dev.coffer.auth.sigv4;

import dev.coffer.core.Caller;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
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
 * Verifying the SigV4 signature of a GetSecretValue request as the AWS SDK sends it: the work the
 * server does for every call before it looks at the body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigV4VerifyBenchmark {
  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  private SigV4Verifier verifier;
  private SignableRequest signed;

  @Setup
  public void setUp() {
    Credentials credentials =
        Credentials.of("AKIDBENCHMARK0000001", "benchmark/secret/key/000000000000000000");
    SigningCredential known =
        new SigningCredential(
            credentials.accessKeyId(),
            credentials.secretAccessKey(),
            Caller.root("123456789012", credentials.accessKeyId()),
            Optional.empty());
    verifier =
        new SigV4Verifier(
            id -> id.equals(known.accessKeyId()) ? Optional.of(known) : Optional.empty(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    SignableRequest request =
        SignableRequest.builder("POST", "/")
            .uri(URI.create("http://127.0.0.1:8484/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "secretsmanager.GetSecretValue")
            .header("User-Agent", "aws-sdk-java/2.x benchmark")
            .header("Content-Length", "87")
            .body(
                "{\"SecretId\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf\"}")
            .build();
    signed =
        SigV4Signer.of(credentials, "us-east-1", "secretsmanager")
            .sign(request, NOW)
            .signedRequest();
    verifier.verify(signed, "secretsmanager"); // fails the setup if the request does not verify
  }

  @Benchmark
  public Authenticated verifyGetSecretValue() {
    return verifier.verify(signed, "secretsmanager");
  }
}
