package dev.coffer.policy;

import dev.coffer.core.Caller;
import dev.coffer.core.Entitlements;
import dev.coffer.core.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * The whole per-request cost of {@link Authorizer#decide} for GetSecretValue by an IAM user with 10
 * identity policies of 4 statements each (40 statements) and a secret with a resource policy: the
 * parse-cache look-ups, the request context (global keys, principal keys, the secret's tags and
 * request keys) and the evaluation. Every statement must be looked at: the allow comes from the
 * last policy and each policy carries a Deny that does not match.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthorizerBenchmark {
  private static final String ACCOUNT = BenchmarkPolicies.ACCOUNT;
  private static final String SECRET = BenchmarkPolicies.SECRET;

  private final Authorizer authorizer = new Authorizer();
  private RequestContext ctx;
  private Authorizer.Resource resource;
  private Map<String, List<String>> keys;

  @Setup
  public void setUp() {
    List<String> policies = BenchmarkPolicies.documents();
    Caller alice =
        new Caller(
            ACCOUNT,
            "arn:aws:iam::" + ACCOUNT + ":user/dev/alice",
            "AIDABENCHMARK0000001",
            Optional.of("AKIABENCHMARK0000001"),
            Caller.Type.IAMUser,
            new Entitlements(
                Optional.of("alice"),
                Optional.empty(),
                Map.of("team", "team-7"),
                policies,
                Optional.empty(),
                Optional.empty(),
                false));
    ctx =
        new RequestContext(
            "bench",
            Instant.parse("2026-12-07T05:00:00Z"),
            alice,
            "us-east-1",
            "10.1.2.3",
            "aws-sdk-java/2",
            true,
            Optional.empty());
    String secretPolicy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
            + "\"Action\":\"secretsmanager:DeleteSecret\",\"Resource\":\"*\"}]}";
    resource =
        new Authorizer.Resource(SECRET, ACCOUNT, Optional.of(secretPolicy), PolicyKind.RESOURCE);
    keys =
        Map.of(
            "secretsmanager:SecretId", List.of(SECRET),
            "secretsmanager:VersionStage", List.of("AWSCURRENT"),
            "aws:ResourceTag/owner", List.of("alice"),
            "secretsmanager:ResourceTag/owner", List.of("alice"),
            "secretsmanager:SecretPrimaryRegion", List.of("us-east-1"));
    if (!decide().allowed()) {
      throw new IllegalStateException("the benchmark request must be allowed");
    }
  }

  @Benchmark
  public Decision decide() {
    return authorizer.decide(ctx, "secretsmanager:GetSecretValue", resource, keys);
  }
}
