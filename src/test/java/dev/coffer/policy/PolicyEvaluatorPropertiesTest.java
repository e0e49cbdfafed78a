package dev.coffer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the evaluation logic (compliance-and-iam.md §4.6). */
class PolicyEvaluatorPropertiesTest {
  private static final String SECRET =
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";
  private static final List<String> ACTIONS =
      List.of(
          "secretsmanager:GetSecretValue", "secretsmanager:*", "*", "secretsmanager:Get*", "kms:*");
  private static final List<String> RESOURCES =
      List.of(
          "*",
          "arn:aws:secretsmanager:*:111122223333:secret:prod/*",
          "arn:aws:secretsmanager:*:*:secret:dev/*");

  private static String statement(String effect, String action, String resource) {
    return "{\"Effect\":\""
        + effect
        + "\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}";
  }

  @Provide
  Arbitrary<List<String>> statements() {
    return Combinators.combine(
            Arbitraries.of("Allow", "Deny"), Arbitraries.of(ACTIONS), Arbitraries.of(RESOURCES))
        .as(PolicyEvaluatorPropertiesTest::statement)
        .list()
        .ofMaxSize(8);
  }

  private static PolicyDocument policy(List<String> statements) {
    return PolicyParser.parse(
        "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}",
        PolicyKind.IDENTITY);
  }

  /** §4.6 step 1: adding a matching unconditional Deny anywhere always yields EXPLICIT_DENY. */
  @Property(tries = 300)
  void evaluate_matchingDenyAdded_alwaysExplicitDeny(
      @ForAll("statements") List<String> base, @ForAll boolean denyInSecondPolicy) {
    String deny = statement("Deny", "secretsmanager:GetSecretValue", SECRET);
    List<PolicyDocument> policies =
        denyInSecondPolicy
            ? List.of(policy(base.isEmpty() ? List.of(deny) : base), policy(List.of(deny)))
            : List.of(policy(concat(base, deny)));
    AuthorizationRequest req =
        AuthorizationRequest.builder(
                RequestPrincipal.user("arn:aws:iam::111122223333:user/alice", "AIDA", Map.of()),
                "secretsmanager:GetSecretValue",
                SECRET)
            .identityPolicies(policies)
            .build();
    assertThat(PolicyEvaluator.evaluate(req).outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
  }

  /** Statement order never changes the decision. */
  @Property(tries = 300)
  void evaluate_statementOrder_irrelevant(@ForAll("statements") List<String> base) {
    if (base.isEmpty()) {
      return;
    }
    List<String> reversed = new java.util.ArrayList<>(base);
    java.util.Collections.reverse(reversed);
    assertThat(decide(reversed)).isEqualTo(decide(base));
  }

  /** With no Deny at all, the outcome is never EXPLICIT_DENY. */
  @Property(tries = 200)
  void evaluate_noDeny_neverExplicit(@ForAll("statements") List<String> base) {
    List<String> allows = base.stream().filter(s -> s.contains("Allow")).toList();
    if (allows.isEmpty()) {
      return;
    }
    assertThat(decide(allows)).isNotEqualTo(Decision.Outcome.EXPLICIT_DENY);
  }

  private static Decision.Outcome decide(List<String> statements) {
    AuthorizationRequest req =
        AuthorizationRequest.builder(
                RequestPrincipal.user("arn:aws:iam::111122223333:user/alice", "AIDA", Map.of()),
                "secretsmanager:GetSecretValue",
                SECRET)
            .identityPolicy(policy(statements))
            .build();
    return PolicyEvaluator.evaluate(req).outcome();
  }

  private static List<String> concat(List<String> base, String extra) {
    List<String> out = new java.util.ArrayList<>(base);
    out.add(extra);
    return out;
  }
}
