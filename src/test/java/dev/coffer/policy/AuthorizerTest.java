package dev.coffer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.Caller;
import dev.coffer.core.Entitlements;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
  static final String ACCOUNT = "111122223333";
  static final String OTHER = "444455556666";
  static final String SECRET =
      "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:app/db-AbCdEf";
  static final String READ = "secretsmanager:GetSecretValue";

  final Authorizer authorizer = new Authorizer();

  static Caller user(String account, String name, List<String> policies) {
    return userWith(account, name, policies, Map.of(), Optional.empty());
  }

  static Caller userWith(
      String account,
      String name,
      List<String> policies,
      Map<String, String> tags,
      Optional<String> sessionPolicy) {
    return new Caller(
        account,
        "arn:aws:iam::" + account + ":user/" + name,
        "AIDA" + name.toUpperCase(java.util.Locale.ROOT),
        Optional.of("AKIAEXAMPLE"),
        Caller.Type.IAMUser,
        new Entitlements(
            Optional.of(name),
            Optional.empty(),
            tags,
            policies,
            Optional.empty(),
            sessionPolicy,
            false));
  }

  static RequestContext ctx(Caller c) {
    return new RequestContext(
        "req-1",
        Instant.parse("2026-12-07T05:00:00Z"),
        c,
        "us-east-1",
        "10.1.2.3",
        "aws-sdk-java",
        true,
        Optional.empty());
  }

  static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}}";
  }

  static Authorizer.Resource secret(Optional<String> policy) {
    return new Authorizer.Resource(SECRET, ACCOUNT, policy, PolicyKind.RESOURCE);
  }

  @Test
  void decide_rootOfOwningAccountWithoutResourcePolicy_allowed() {
    Decision d =
        authorizer.decide(
            ctx(Caller.root(ACCOUNT, "AKIAROOT")), READ, secret(Optional.empty()), Map.of());
    assertThat(d.allowed()).isTrue();
  }

  @Test
  void decide_internalPrincipal_actsAsRootButExplicitDenyBinds() {
    Caller rotation = Caller.service(ACCOUNT, "rotation");
    assertThat(authorizer.decide(ctx(rotation), READ, secret(Optional.empty()), Map.of()).allowed())
        .isTrue();
    String deny =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\","
            + "\"Action\":\"secretsmanager:*\",\"Resource\":\"*\"}}";
    assertThat(
            authorizer.decide(ctx(rotation), READ, secret(Optional.of(deny)), Map.of()).outcome())
        .isEqualTo(Decision.Outcome.EXPLICIT_DENY);
  }

  @Test
  void authorize_userWithoutPolicy_throwsAwsMessage() {
    Caller alice = user(ACCOUNT, "alice", List.of());
    assertThatThrownBy(
            () -> authorizer.authorize(ctx(alice), READ, secret(Optional.empty()), Map.of()))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage(
            "User: arn:aws:iam::"
                + ACCOUNT
                + ":user/alice is not authorized to perform: secretsmanager:GetSecretValue on"
                + " resource: "
                + SECRET
                + " because no identity-based policy allows the secretsmanager:GetSecretValue"
                + " action");
  }

  @Test
  void decide_identityPolicyAllows_allowed() {
    Caller alice = user(ACCOUNT, "alice", List.of(allow(READ, "arn:aws:secretsmanager:*")));
    assertThat(authorizer.decide(ctx(alice), READ, secret(Optional.empty()), Map.of()).allowed())
        .isTrue();
  }

  @Test
  void decide_sessionPolicyLimitsIdentityPolicy() {
    Caller alice =
        userWith(
            ACCOUNT,
            "alice",
            List.of(allow("secretsmanager:*", "*")),
            Map.of(),
            Optional.of(allow("secretsmanager:DescribeSecret", "*")));
    Decision d = authorizer.decide(ctx(alice), READ, secret(Optional.empty()), Map.of());
    assertThat(d.outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    assertThat(d.missingAllowFrom()).contains(Decision.PolicySource.SESSION);
  }

  @Test
  void decide_crossAccount_needsBothSides() {
    Caller bob = user(OTHER, "bob", List.of(allow(READ, "*")));
    String grant =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
            + OTHER
            + "\"},\"Action\":\""
            + READ
            + "\",\"Resource\":\"*\"}}";
    assertThat(authorizer.decide(ctx(bob), READ, secret(Optional.empty()), Map.of()).allowed())
        .isFalse();
    assertThat(authorizer.decide(ctx(bob), READ, secret(Optional.of(grant)), Map.of()).allowed())
        .isTrue();
    Caller bobNoPolicy = user(OTHER, "bob", List.of());
    assertThat(
            authorizer
                .decide(ctx(bobNoPolicy), READ, secret(Optional.of(grant)), Map.of())
                .allowed())
        .isFalse();
    // The other account's root has no identity policies to need.
    assertThat(
            authorizer
                .decide(
                    ctx(Caller.root(OTHER, "AKIA2")), READ, secret(Optional.of(grant)), Map.of())
                .allowed())
        .isTrue();
  }

  @Test
  void decide_keyPolicyMustAllowEvenForRoot() {
    String key = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    String onlyAlice =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::"
            + ACCOUNT
            + ":user/alice\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}}";
    Authorizer.Resource r =
        new Authorizer.Resource(key, ACCOUNT, Optional.of(onlyAlice), PolicyKind.KEY);
    assertThat(
            authorizer
                .decide(ctx(Caller.root(ACCOUNT, "AKIAROOT")), "kms:Decrypt", r, Map.of())
                .allowed())
        .isFalse();
    assertThat(
            authorizer
                .decide(ctx(user(ACCOUNT, "alice", List.of())), "kms:Decrypt", r, Map.of())
                .allowed())
        .isTrue();
  }

  @Test
  void decide_globalKeysComeFromRequestContext() {
    String byIp =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"},"
            + "\"Bool\":{\"aws:SecureTransport\":\"true\"},"
            + "\"DateLessThan\":{\"aws:CurrentTime\":\"2027-01-01T00:00:00Z\"},"
            + "\"NumericGreaterThan\":{\"aws:EpochTime\":\"1700000000\"},"
            + "\"StringEquals\":{\"aws:username\":\"alice\",\"aws:PrincipalAccount\":\""
            + ACCOUNT
            + "\",\"aws:userid\":\"AIDAALICE\"}}}}";
    Caller alice = user(ACCOUNT, "alice", List.of(byIp));
    assertThat(authorizer.decide(ctx(alice), READ, secret(Optional.empty()), Map.of()).allowed())
        .isTrue();
    Caller other = user(ACCOUNT, "other", List.of(byIp));
    assertThat(authorizer.decide(ctx(other), READ, secret(Optional.empty()), Map.of()).allowed())
        .isFalse();
  }

  @Test
  void decide_mfaKey_absentForLongTermKeys_presentWhenKnown() {
    String needsMfa =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\",\"Condition\":{\"Bool\":"
            + "{\"aws:MultiFactorAuthPresent\":\"true\"}}}}";
    Caller plain = user(ACCOUNT, "alice", List.of(needsMfa));
    assertThat(authorizer.decide(ctx(plain), READ, secret(Optional.empty()), Map.of()).allowed())
        .isFalse();
    Caller mfa =
        new Caller(
            plain.accountId(),
            plain.arn(),
            plain.principalId(),
            plain.accessKeyId(),
            plain.type(),
            new Entitlements(
                Optional.of("alice"),
                Optional.empty(),
                Map.of(),
                List.of(needsMfa),
                Optional.empty(),
                Optional.empty(),
                true));
    assertThat(authorizer.decide(ctx(mfa), READ, secret(Optional.empty()), Map.of()).allowed())
        .isTrue();
  }

  @Test
  void decide_unreadableStoredPolicy_failsClosed() {
    Caller alice = user(ACCOUNT, "alice", List.of("{not json"));
    assertThat(authorizer.decide(ctx(alice), READ, secret(Optional.empty()), Map.of()).allowed())
        .isFalse();
  }

  @Test
  void parse_cacheIsBoundedAndReused() {
    Authorizer small = new Authorizer(2);
    String a = allow("a:A", "*");
    PolicyDocument first = small.parse(a, PolicyKind.IDENTITY);
    assertThat(small.parse(a, PolicyKind.IDENTITY)).isSameAs(first);
    small.parse(allow("b:B", "*"), PolicyKind.IDENTITY);
    small.parse(allow("c:C", "*"), PolicyKind.IDENTITY);
    small.parse(allow("d:D", "*"), PolicyKind.IDENTITY);
    assertThat(small.cachedPolicies()).isLessThanOrEqualTo(2);
  }

  @Test
  void decide_globalAndPrincipalKeys_resolvedFromTheRequestWhenAPolicyReadsThem() {
    // One condition per global key the request supplies: all must match for the allow to apply.
    String conditions =
        """
        {"StringEquals":{"aws:SourceIp":"10.1.2.3","aws:RequestedRegion":"us-east-1",\
        "aws:UserAgent":"aws-sdk-java","aws:userid":"AIDAALICE","aws:username":"alice",\
        "aws:PrincipalArn":"arn:aws:iam::%1$s:user/alice","aws:PrincipalAccount":"%1$s",\
        "aws:PrincipalType":"User","aws:ResourceAccount":"%1$s","aws:PrincipalTag/Team":"blue",\
        "aws:PrincipalIsAWSService":"false","aws:EpochTime":"1796619600"},\
        "Bool":{"aws:SecureTransport":"true"},\
        "DateEquals":{"aws:CurrentTime":"2026-12-07T05:00:00Z"},\
        "Null":{"aws:SourceVpce":"true","aws:MultiFactorAuthPresent":"true"}}\
        """
            .formatted(ACCOUNT);
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\""
            + READ
            + "\",\"Resource\":\"*\",\"Condition\":"
            + conditions
            + "}}";
    Caller alice =
        userWith(ACCOUNT, "alice", List.of(policy), Map.of("team", "blue"), Optional.empty());
    assertThat(authorizer.decide(ctx(alice), READ, secret(Optional.empty()), Map.of()).allowed())
        .isTrue();
    // A key given with the request takes precedence over the global key of the same name.
    assertThat(
            authorizer
                .decide(
                    ctx(alice),
                    READ,
                    secret(Optional.empty()),
                    Map.of("aws:SourceIp", List.of("192.0.2.1")))
                .allowed())
        .isFalse();
    Caller bob =
        userWith(ACCOUNT, "bob", List.of(policy), Map.of("team", "blue"), Optional.empty());
    assertThat(authorizer.decide(ctx(bob), READ, secret(Optional.empty()), Map.of()).allowed())
        .isFalse();
  }
}
