package dev.coffer.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing a GetSecretValue body and reading its members with the model's constraints, as
 * AwsJsonEndpoint and GetSecretValueHandler do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonInputBenchmark {
  private final byte[] body =
      ("{\"SecretId\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf\","
              + "\"VersionStage\":\"AWSCURRENT\"}")
          .getBytes(StandardCharsets.UTF_8);

  @Benchmark
  public void parseGetSecretValue(Blackhole bh) throws IOException {
    JsonInput in = JsonInput.of((ObjectNode) Json.MAPPER.readTree(body));
    bh.consume(in.requiredString("SecretId", 1, 2048));
    bh.consume(in.string("VersionId", 32, 64));
    bh.consume(in.string("VersionStage", 1, 256));
    in.validate();
  }
}
