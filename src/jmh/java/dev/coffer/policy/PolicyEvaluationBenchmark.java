package dev.coffer.policy;

import java.util.ArrayList;
import java.util.List;
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
 * Deciding GetSecretValue for an IAM user with 10 identity policies of 4 statements each (40
 * statements): wildcard actions, resource patterns with and without policy variables, string and
 * tag conditions, and a Deny that does not match, so every statement must be looked at. The allow
 * comes from the last policy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyEvaluationBenchmark {
  private static final String ACCOUNT = BenchmarkPolicies.ACCOUNT;
  private static final String SECRET = BenchmarkPolicies.SECRET;

  private AuthorizationRequest request;

  @Setup
  public void setUp() {
    List<PolicyDocument> policies = new ArrayList<>();
    for (String document : BenchmarkPolicies.documents()) {
      policies.add(PolicyParser.parse(document, PolicyKind.IDENTITY));
    }
    RequestPrincipal alice =
        RequestPrincipal.user(
            "arn:aws:iam::" + ACCOUNT + ":user/dev/alice",
            "AIDABENCHMARK0000001",
            Map.of("team", "team-7"));
    request =
        AuthorizationRequest.builder(alice, "secretsmanager:GetSecretValue", SECRET)
            .identityPolicies(policies)
            .context(
                Map.of(
                    "aws:SourceIp", List.of("10.1.2.3"),
                    "aws:SecureTransport", List.of("true"),
                    "secretsmanager:VersionStage", List.of("AWSCURRENT")))
            .build();
    if (!PolicyEvaluator.evaluate(request).allowed()) {
      throw new IllegalStateException("the benchmark request must be allowed");
    }
  }

  @Benchmark
  public Decision evaluate40Statements() {
    return PolicyEvaluator.evaluate(request);
  }
}
