package dev.coffer.protocol.iam;

import static dev.coffer.testing.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.Backend;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.TestServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * IAM and STS driven through the AWS SDK for Java v2 against a running server: users, access keys,
 * groups, roles, inline and managed policies, AssumeRole and GetSessionToken, and the errors IAM
 * answers. Subclasses choose the storage backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IamContract {
  static final String ACCOUNT = TestServer.ACCOUNT;
  static final String ALLOW_ALL_SECRETS =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":\"secretsmanager:*\",\"Resource\":\"*\"}]}";
  static final String ALLOW_IAM_READ =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":[\"iam:GetUser\",\"iam:ListUsers\"],\"Resource\":\"*\"}]}";

  TestServer server;
  MutableClock clock;
  IamClient iam;
  StsClient sts;

  abstract Backend backend();

  @BeforeAll
  void startServer() {
    clock = MutableClock.startingNow();
    server = TestServer.start(backend(), clock);
    iam = server.iam();
    sts = server.sts();
  }

  @AfterAll
  void stopServer() {
    iam.close();
    sts.close();
    server.close();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String trustUser(String userArn) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\""
        + userArn
        + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";
  }

  /** A user with an access key; returns the key. */
  AccessKey userWithKey(String name) {
    iam.createUser(b -> b.userName(name));
    return iam.createAccessKey(b -> b.userName(name)).accessKey();
  }

  static AwsBasicCredentials creds(AccessKey k) {
    return AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey());
  }

  static AwsSessionCredentials creds(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  @Test
  void createUser_thenGetAndList_showTheUser() {
    String name = unique("alice");
    CreateUserResponse created =
        iam.createUser(b ->
            b.userName(name).path("/team/").tags(Tag.builder().key("team").value("blue").build()));
    assertThat(created.user().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/team/" + name);
    assertThat(created.user().userId()).startsWith("AIDA").hasSize(20);
    assertThat(created.user().createDate()).isNotNull();

    var got = iam.getUser(b -> b.userName(name.toUpperCase(java.util.Locale.ROOT))).user();
    assertThat(got.userName()).isEqualTo(name);
    assertThat(got.tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "blue"));
    assertThat(iam.listUsers(b -> b.pathPrefix("/team/")).users())
        .extracting(u -> u.userName())
        .contains(name);
    assertThat(iam.listUsers(b -> b.pathPrefix("/other/")).users())
        .extracting(u -> u.userName())
        .doesNotContain(name);
  }

  @Test
  void createUser_twice_isEntityAlreadyExists() {
    String name = unique("dup");
    iam.createUser(b -> b.userName(name));
    assertThatThrownBy(
            () -> iam.createUser(b -> b.userName(name.toUpperCase(java.util.Locale.ROOT))))
        .isInstanceOf(EntityAlreadyExistsException.class)
        .hasMessageContaining("already exists")
        .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(409));
  }

  @Test
  void getUser_unknown_isNoSuchEntity404() {
    assertThatThrownBy(() -> iam.getUser(b -> b.userName("nobody-" + UUID.randomUUID())))
        .isInstanceOf(NoSuchEntityException.class)
        .hasMessageContaining("cannot be found")
        .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void createUser_invalidName_isValidationError() {
    assertAwsError(() -> iam.createUser(b -> b.userName("bad name!")), "ValidationError");
  }

  @Test
  void accessKey_signsAsTheUser_andGetCallerIdentityNamesIt() {
    String name = unique("signer");
    AccessKey key = userWithKey(name);
    assertThat(key.accessKeyId()).startsWith("AKIA").hasSize(20);
    assertThat(key.secretAccessKey()).hasSize(40);
    assertThat(key.status()).isEqualTo(StatusType.ACTIVE);

    try (StsClient asUser = server.sts(creds(key))) {
      GetCallerIdentityResponse me = asUser.getCallerIdentity();
      assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/" + name);
      assertThat(me.account()).isEqualTo(ACCOUNT);
      assertThat(me.userId()).isEqualTo(iam.getUser(b -> b.userName(name)).user().userId());
    }
    assertThat(iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata())
        .extracting(m -> m.accessKeyId())
        .containsExactly(key.accessKeyId());
  }

  @Test
  void accessKey_inactiveOrDeleted_isRefused() {
    String name = unique("revoked");
    AccessKey key = userWithKey(name);
    try (StsClient asUser = server.sts(creds(key))) {
      asUser.getCallerIdentity();
      iam.updateAccessKey(
          b -> b.userName(name).accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
      assertAwsError(asUser::getCallerIdentity, "InvalidClientTokenId");
      iam.updateAccessKey(
          b -> b.userName(name).accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
      assertThat(asUser.getCallerIdentity().arn()).endsWith(":user/" + name);
      iam.deleteAccessKey(b -> b.userName(name).accessKeyId(key.accessKeyId()));
      assertThatThrownBy(asUser::getCallerIdentity).isInstanceOf(AwsServiceException.class);
    }
  }

  @Test
  void accessKey_wrongSecret_isSignatureDoesNotMatch() {
    AccessKey key = userWithKey(unique("wrongsecret"));
    try (StsClient bad =
        server.sts(AwsBasicCredentials.create(key.accessKeyId(), "x" + key.secretAccessKey()))) {
      assertAwsError(bad::getCallerIdentity, "SignatureDoesNotMatch");
    }
  }

  @Test
  void user_withoutPolicy_isDeniedIamCalls_andAllowedOnceAPolicyGrantsThem() {
    String name = unique("reader");
    AccessKey key = userWithKey(name);
    try (IamClient asUser = server.iam(creds(key))) {
      assertThatThrownBy(() -> asUser.listUsers())
          .isInstanceOf(AwsServiceException.class)
          .satisfies(e -> {
            AwsServiceException a = (AwsServiceException) e;
            assertThat(a.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(a.statusCode()).isEqualTo(403);
            assertThat(a.awsErrorDetails().errorMessage())
                .contains("is not authorized to perform: iam:ListUsers");
          });
      iam.putUserPolicy(b -> b.userName(name).policyName("read").policyDocument(ALLOW_IAM_READ));
      assertThat(asUser.listUsers().users()).extracting(u -> u.userName()).contains(name);
      // Reading is granted, writing still is not: a denied call changes nothing.
      String other = unique("notcreated");
      assertThatThrownBy(() -> asUser.createUser(b -> b.userName(other)))
          .isInstanceOf(AwsServiceException.class);
      assertThatThrownBy(() -> iam.getUser(b -> b.userName(other)))
          .isInstanceOf(NoSuchEntityException.class);
    }
  }

  @Test
  void groupPolicies_andManagedPolicies_applyToMembers() {
    String name = unique("member");
    String group = unique("readers");
    AccessKey key = userWithKey(name);
    iam.createGroup(b -> b.groupName(group));
    try (IamClient asUser = server.iam(creds(key))) {
      assertThatThrownBy(() -> asUser.getUser(b -> b.userName(name)))
          .isInstanceOf(AwsServiceException.class);
      String policyArn =
          iam.createPolicy(b -> b.policyName(unique("iam-read")).policyDocument(ALLOW_IAM_READ))
              .policy()
              .arn();
      iam.attachGroupPolicy(b -> b.groupName(group).policyArn(policyArn));
      iam.addUserToGroup(b -> b.groupName(group).userName(name));
      assertThat(asUser.getUser(b -> b.userName(name)).user().userName()).isEqualTo(name);

      assertThat(iam.listAttachedGroupPolicies(b -> b.groupName(group)).attachedPolicies())
          .extracting(p -> p.policyArn())
          .containsExactly(policyArn);
      assertThatThrownBy(() -> iam.deletePolicy(b -> b.policyArn(policyArn)))
          .isInstanceOf(DeleteConflictException.class);
      iam.removeUserFromGroup(b -> b.groupName(group).userName(name));
      assertThatThrownBy(() -> asUser.getUser(b -> b.userName(name)))
          .isInstanceOf(AwsServiceException.class);
    }
  }

  @Test
  void managedPolicy_versions_defaultVersionDecides() {
    String name = unique("versioned");
    AccessKey key = userWithKey(name);
    String deny =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:GetRole\",\"Resource\":\"*\"}]}";
    var policy = iam.createPolicy(b -> b.policyName(unique("p")).policyDocument(deny)).policy();
    assertThat(policy.defaultVersionId()).isEqualTo("v1");
    iam.attachUserPolicy(b -> b.userName(name).policyArn(policy.arn()));
    try (IamClient asUser = server.iam(creds(key))) {
      assertThatThrownBy(() -> asUser.listUsers()).isInstanceOf(AwsServiceException.class);
      var v2 =
          iam.createPolicyVersion(
                  b -> b.policyArn(policy.arn()).policyDocument(ALLOW_IAM_READ).setAsDefault(true))
              .policyVersion();
      assertThat(v2.versionId()).isEqualTo("v2");
      assertThat(v2.isDefaultVersion()).isTrue();
      assertThat(iam.getPolicy(b -> b.policyArn(policy.arn())).policy().defaultVersionId())
          .isEqualTo("v2");
      assertThat(asUser.listUsers().users()).isNotEmpty();
    }
    assertThat(iam.listAttachedUserPolicies(b -> b.userName(name)).attachedPolicies()).hasSize(1);
    iam.detachUserPolicy(b -> b.userName(name).policyArn(policy.arn()));
    assertThat(iam.listAttachedUserPolicies(b -> b.userName(name)).attachedPolicies()).isEmpty();
    // IAM: a policy's non-default versions go before the policy itself.
    assertThatThrownBy(() -> iam.deletePolicy(b -> b.policyArn(policy.arn())))
        .isInstanceOf(DeleteConflictException.class);
    iam.deletePolicyVersion(b -> b.policyArn(policy.arn()).versionId("v1"));
    iam.deletePolicy(b -> b.policyArn(policy.arn()));
    assertThatThrownBy(() -> iam.getPolicy(b -> b.policyArn(policy.arn())))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void putUserPolicy_malformed_isMalformedPolicyDocument() {
    String name = unique("malformed");
    iam.createUser(b -> b.userName(name));
    assertThatThrownBy(() ->
            iam.putUserPolicy(
                b -> b.userName(name).policyName("bad").policyDocument("{\"Statement\":1}")))
        .isInstanceOf(MalformedPolicyDocumentException.class);
    assertThatThrownBy(() ->
            iam.putUserPolicy(b -> b.userName(name).policyName("bad").policyDocument("not json")))
        .isInstanceOf(MalformedPolicyDocumentException.class);
  }

  @Test
  void inlinePolicy_getReturnsTheDocument_deleteRemovesIt() {
    String name = unique("inline");
    iam.createUser(b -> b.userName(name));
    iam.putUserPolicy(b -> b.userName(name).policyName("p1").policyDocument(ALLOW_ALL_SECRETS));
    String doc = iam.getUserPolicy(b -> b.userName(name).policyName("p1")).policyDocument();
    assertThat(URLDecoder.decode(doc, StandardCharsets.UTF_8)).isEqualTo(ALLOW_ALL_SECRETS);
    assertThatThrownBy(() -> iam.deleteUser(b -> b.userName(name)))
        .isInstanceOf(DeleteConflictException.class);
    iam.deleteUserPolicy(b -> b.userName(name).policyName("p1"));
    assertThatThrownBy(() -> iam.getUserPolicy(b -> b.userName(name).policyName("p1")))
        .isInstanceOf(NoSuchEntityException.class);
    iam.deleteUser(b -> b.userName(name));
    assertThatThrownBy(() -> iam.getUser(b -> b.userName(name)))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void deleteUser_withAccessKey_isDeleteConflict() {
    String name = unique("haskey");
    userWithKey(name);
    assertThatThrownBy(() -> iam.deleteUser(b -> b.userName(name)))
        .isInstanceOf(DeleteConflictException.class)
        .hasMessageContaining("access keys");
  }

  @Test
  void assumeRole_trustedUser_getsWorkingSessionCredentials_thatExpire() {
    String userName = unique("assumer");
    AccessKey key = userWithKey(userName);
    String userArn = "arn:aws:iam::" + ACCOUNT + ":user/" + userName;
    iam.putUserPolicy(b ->
        b.userName(userName)
            .policyName("assume")
            .policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
    String roleName = unique("app");
    CreateRoleResponse role =
        iam.createRole(b ->
            b.roleName(roleName)
                .assumeRolePolicyDocument(trustUser(userArn))
                .maxSessionDuration(7200)
                .tags(Tag.builder().key("tier").value("gold").build()));
    assertThat(role.role().roleId()).startsWith("AROA");
    assertThat(role.role().maxSessionDuration()).isEqualTo(7200);
    iam.putRolePolicy(
        b -> b.roleName(roleName).policyName("secrets").policyDocument(ALLOW_ALL_SECRETS));

    try (StsClient asUser = server.sts(creds(key))) {
      AssumeRoleResponse assumed =
          asUser.assumeRole(b ->
              b.roleArn(role.role().arn())
                  .roleSessionName("build-42")
                  .durationSeconds(1800)
                  .tags(
                      software.amazon.awssdk.services.sts.model.Tag.builder()
                          .key("project")
                          .value("x")
                          .build()));
      Credentials c = assumed.credentials();
      assertThat(c.accessKeyId()).startsWith("ASIA");
      assertThat(c.sessionToken()).isNotBlank();
      assertThat(Duration.between(clock.instant(), c.expiration()).toSeconds())
          .isBetween(1790L, 1800L);
      assertThat(assumed.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + roleName + "/build-42");
      assertThat(assumed.assumedRoleUser().assumedRoleId())
          .isEqualTo(role.role().roleId() + ":build-42");

      try (StsClient asRole = server.sts(creds(c));
          SecretsManagerClient smAsRole = server.secretsManager(creds(c))) {
        assertThat(asRole.getCallerIdentity().arn()).isEqualTo(assumed.assumedRoleUser().arn());
        assertThat(asRole.getCallerIdentity().userId())
            .isEqualTo(assumed.assumedRoleUser().assumedRoleId());
        // The session credentials sign Secrets Manager calls too.
        String secret = unique("role-secret");
        smAsRole.createSecret(b -> b.name(secret).secretString("v"));
        assertThat(smAsRole.getSecretValue(b -> b.secretId(secret)).secretString()).isEqualTo("v");

        clock.advance(Duration.ofSeconds(1801));
        assertAwsError(asRole::getCallerIdentity, "ExpiredToken");
        assertAwsError(
            () -> smAsRole.getSecretValue(b -> b.secretId(secret)), "ExpiredTokenException");
      }
    }
  }

  @Test
  void assumeRole_untrustedUser_isAccessDenied() {
    String userName = unique("stranger");
    AccessKey key = userWithKey(userName);
    iam.putUserPolicy(b ->
        b.userName(userName)
            .policyName("assume")
            .policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
    String roleName = unique("locked");
    String roleArn =
        iam.createRole(b ->
                b.roleName(roleName)
                    .assumeRolePolicyDocument(
                        trustUser("arn:aws:iam::" + ACCOUNT + ":user/someone-else")))
            .role()
            .arn();
    try (StsClient asUser = server.sts(creds(key))) {
      assertThatThrownBy(() -> asUser.assumeRole(b -> b.roleArn(roleArn).roleSessionName("s1")))
          .isInstanceOf(AwsServiceException.class)
          .satisfies(e -> {
            AwsServiceException a = (AwsServiceException) e;
            assertThat(a.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(a.statusCode()).isEqualTo(403);
          });
      // Trusted now: UpdateAssumeRolePolicy takes effect.
      iam.updateAssumeRolePolicy(b ->
          b.roleName(roleName)
              .policyDocument(trustUser("arn:aws:iam::" + ACCOUNT + ":user/" + userName)));
      assertThat(
              asUser
                  .assumeRole(b -> b.roleArn(roleArn).roleSessionName("s2"))
                  .credentials()
                  .accessKeyId())
          .startsWith("ASIA");
      // Longer than the role's maximum (3600 by default).
      assertAwsError(
          () ->
              asUser.assumeRole(
                  b -> b.roleArn(roleArn).roleSessionName("s3").durationSeconds(7200)),
          "ValidationError");
      assertThatThrownBy(() ->
              asUser.assumeRole(b -> b.roleArn(roleArn).roleSessionName("s4").durationSeconds(60)))
          .isInstanceOf(AwsServiceException.class);
    }
  }

  @Test
  void assumeRole_byRoot_isAccessDenied() {
    String roleName = unique("rootless");
    String roleArn =
        iam.createRole(b ->
                b.roleName(roleName)
                    .assumeRolePolicyDocument(trustUser("arn:aws:iam::" + ACCOUNT + ":root")))
            .role()
            .arn();
    assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("root")))
        .isInstanceOf(AwsServiceException.class)
        .hasMessageContaining("Roles may not be assumed by root accounts");
  }

  @Test
  void getRole_andDeleteRole_withPolicyIsDeleteConflict() {
    String roleName = unique("svc");
    iam.createRole(b ->
        b.roleName(roleName)
            .description("a service role")
            .assumeRolePolicyDocument(trustUser("arn:aws:iam::" + ACCOUNT + ":root")));
    var role = iam.getRole(b -> b.roleName(roleName)).role();
    assertThat(role.description()).isEqualTo("a service role");
    assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
        .contains("sts:AssumeRole");
    iam.tagRole(b -> b.roleName(roleName).tags(Tag.builder().key("k").value("v").build()));
    assertThat(iam.getRole(b -> b.roleName(roleName)).role().tags()).hasSize(1);
    iam.putRolePolicy(b -> b.roleName(roleName).policyName("p").policyDocument(ALLOW_ALL_SECRETS));
    assertThatThrownBy(() -> iam.deleteRole(b -> b.roleName(roleName)))
        .isInstanceOf(DeleteConflictException.class);
    iam.deleteRolePolicy(b -> b.roleName(roleName).policyName("p"));
    iam.deleteRole(b -> b.roleName(roleName));
    assertThatThrownBy(() -> iam.getRole(b -> b.roleName(roleName)))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void createRole_malformedTrustPolicy_isMalformedPolicyDocument() {
    assertThatThrownBy(() ->
            iam.createRole(
                b -> b.roleName(unique("badtrust")).assumeRolePolicyDocument(ALLOW_ALL_SECRETS)))
        .isInstanceOf(MalformedPolicyDocumentException.class);
  }

  @Test
  void getSessionToken_forUser_signsAsTheUser_untilItExpires() {
    String name = unique("mfa");
    AccessKey key = userWithKey(name);
    try (StsClient asUser = server.sts(creds(key))) {
      Credentials c = asUser.getSessionToken(b -> b.durationSeconds(900)).credentials();
      assertThat(c.accessKeyId()).startsWith("ASIA");
      try (StsClient asSession = server.sts(creds(c))) {
        assertThat(asSession.getCallerIdentity().arn()).endsWith(":user/" + name);
        assertThatThrownBy(() -> asSession.getSessionToken())
            .isInstanceOf(AwsServiceException.class)
            .hasMessageContaining("session credentials");
        // The token is part of the credential: without it the key is unknown.
        try (StsClient noToken =
            server.sts(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()))) {
          assertThatThrownBy(noToken::getCallerIdentity).isInstanceOf(AwsServiceException.class);
        }
        clock.advance(Duration.ofSeconds(901));
        assertAwsError(asSession::getCallerIdentity, "ExpiredToken");
      }
    }
  }

  @Test
  void rootCaller_getCallerIdentity_isTheAccountRoot() {
    GetCallerIdentityResponse me = sts.getCallerIdentity();
    assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
    assertThat(me.account()).isEqualTo(ACCOUNT);
  }

  @Test
  void iamAndStsCalls_areAudited_withTheirEventSource() {
    String name = unique("audited");
    iam.createUser(b -> b.userName(name));
    sts.getCallerIdentity();
    var events = server.server().audit().reader().latest(50);
    assertThat(events)
        .anySatisfy(e -> {
          assertThat(e.eventName()).isEqualTo("CreateUser");
          assertThat(e.eventSource()).isEqualTo("iam.amazonaws.com");
          assertThat(e.readOnly()).isFalse();
        });
    assertThat(events)
        .anySatisfy(e -> {
          assertThat(e.eventName()).isEqualTo("GetCallerIdentity");
          assertThat(e.eventSource()).isEqualTo("sts.amazonaws.com");
          assertThat(e.readOnly()).isTrue();
        });
  }

  @Test
  void accessKeySecret_isStoredSealed_andABlobMovedToAnotherKeyDoesNotOpen() throws Exception {
    String name = unique("sealed");
    iam.createUser(b -> b.userName(name));
    AccessKey first = iam.createAccessKey(b -> b.userName(name)).accessKey();
    AccessKey second = iam.createAccessKey(b -> b.userName(name)).accessKey();
    // Work on the database while the server is stopped (SQLite has one writer).
    server.restart(db -> {
      byte[] firstBlob;
      try (java.sql.PreparedStatement q =
          db.prepareStatement("SELECT secret_blob FROM iam_access_keys WHERE access_key_id = ?")) {
        q.setString(1, first.accessKeyId());
        try (java.sql.ResultSet rs = q.executeQuery()) {
          assertThat(rs.next()).isTrue();
          firstBlob = rs.getBytes(1);
        }
      }
      assertThat(new String(firstBlob, StandardCharsets.ISO_8859_1))
          .doesNotContain(first.secretAccessKey());
      // The second key's row now holds the first key's sealed secret.
      try (java.sql.PreparedStatement u =
          db.prepareStatement(
              "UPDATE iam_access_keys SET secret_blob = ? WHERE access_key_id = ?")) {
        u.setBytes(1, firstBlob);
        u.setString(2, second.accessKeyId());
        assertThat(u.executeUpdate()).isEqualTo(1);
      }
      if (!db.getAutoCommit()) {
        db.commit();
      }
    });
    // The endpoint moved with the restart.
    iam.close();
    sts.close();
    iam = server.iam();
    sts = server.sts();
    try (StsClient withFirst = server.sts(creds(first));
        StsClient movedSecret =
            server.sts(AwsBasicCredentials.create(second.accessKeyId(), first.secretAccessKey()))) {
      assertThat(withFirst.getCallerIdentity().arn()).endsWith(":user/" + name);
      assertAwsError(movedSecret::getCallerIdentity, "InvalidClientTokenId");
    }
  }

  @Test
  void anotherAccount_hasItsOwnRootAndIdentities() {
    String other = "222233334444";
    var rootKey = server.server().createRootAccessKey(other);
    AwsBasicCredentials otherRoot =
        AwsBasicCredentials.create(rootKey.getKey(), rootKey.getValue());
    String name = unique("elsewhere");
    try (StsClient otherSts = server.sts(otherRoot);
        IamClient otherIam = server.iam(otherRoot)) {
      assertThat(otherSts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + other + ":root");
      assertThat(otherIam.createUser(b -> b.userName(name)).user().arn())
          .isEqualTo("arn:aws:iam::" + other + ":user/" + name);
    }
    assertThatThrownBy(() -> iam.getUser(b -> b.userName(name)))
        .isInstanceOf(NoSuchEntityException.class);
  }
}
