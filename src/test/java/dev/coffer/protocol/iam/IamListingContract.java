package dev.coffer.protocol.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.User;

/**
 * IAM list paging (Marker, MaxItems, IsTruncated) on every List operation, and the list and delete
 * operations next to the create ones: roles, groups, managed policies and their versions, the
 * entities a policy is attached to, with IAM's DeleteConflict rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IamListingContract {
  private static final String DOC =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":\"secretsmanager:ListSecrets\",\"Resource\":\"*\"}]}";
  private static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
          + TestServer.ACCOUNT
          + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";

  private TestServer server;
  private IamClient iam;

  abstract Backend backend();

  @BeforeAll
  void start() {
    server = TestServer.start(backend());
    iam = server.iam();
  }

  @AfterAll
  void stop() {
    iam.close();
    server.close();
  }

  private static String path() {
    return "/p" + UUID.randomUUID().toString().substring(0, 8) + "/";
  }

  @Test
  void listUsers_pagesByMaxItemsAndMarker_inNameOrder_andThePaginatorSeesAll() {
    String path = path();
    List<String> names = IntStream.range(0, 5).mapToObj(i -> "pager-" + (char) ('e' - i)).toList();
    for (String n : names) {
      iam.createUser(b -> b.userName(n + path.substring(2, 8)).path(path));
    }
    ListUsersResponse first = iam.listUsers(b -> b.pathPrefix(path).maxItems(2));
    assertThat(first.users()).hasSize(2);
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.marker()).isNotBlank();
    ListUsersResponse second =
        iam.listUsers(b -> b.pathPrefix(path).maxItems(2).marker(first.marker()));
    assertThat(second.users()).hasSize(2);
    assertThat(second.isTruncated()).isTrue();
    ListUsersResponse last =
        iam.listUsers(b -> b.pathPrefix(path).maxItems(2).marker(second.marker()));
    assertThat(last.users()).hasSize(1);
    assertThat(last.isTruncated()).isFalse();
    assertThat(last.marker()).isNull();

    List<String> paged = new ArrayList<>();
    for (ListUsersResponse r : List.of(first, second, last)) {
      r.users().forEach(u -> paged.add(u.userName()));
    }
    assertThat(paged).isSorted().hasSize(5).doesNotHaveDuplicates();
    assertThat(
            iam.listUsersPaginator(b -> b.pathPrefix(path).maxItems(1)).users().stream()
                .map(User::userName)
                .toList())
        .isEqualTo(paged);
    // Without MaxItems everything fits in one page of up to 100.
    assertThat(iam.listUsers(b -> b.pathPrefix(path)).isTruncated()).isFalse();
  }

  @Test
  void maxItemsOutOfRange_andAForeignMarker_areValidationErrors() {
    for (int bad : new int[] {0, 1001}) {
      assertThatThrownBy(() -> iam.listUsers(b -> b.maxItems(bad)))
          .isInstanceOfSatisfying(
              IamException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                assertThat(e.awsErrorDetails().errorMessage()).contains("maxItems");
              });
    }
    assertThatThrownBy(() -> iam.listRoles(b -> b.marker("not-a-marker!")))
        .isInstanceOfSatisfying(
            IamException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
  }

  @Test
  void listAccessKeysRolesGroupsPoliciesAndInlinePolicies_allPage() {
    String path = path();
    String user = "keys" + path.substring(2, 8);
    iam.createUser(b -> b.userName(user));
    iam.createAccessKey(b -> b.userName(user));
    iam.createAccessKey(b -> b.userName(user));
    var keys = iam.listAccessKeys(b -> b.userName(user).maxItems(1));
    assertThat(keys.accessKeyMetadata()).hasSize(1);
    assertThat(keys.isTruncated()).isTrue();
    var rest = iam.listAccessKeys(b -> b.userName(user).maxItems(1).marker(keys.marker()));
    assertThat(rest.accessKeyMetadata()).hasSize(1);
    assertThat(rest.isTruncated()).isFalse();
    assertThat(rest.accessKeyMetadata().get(0).accessKeyId())
        .isNotEqualTo(keys.accessKeyMetadata().get(0).accessKeyId());

    for (int i = 0; i < 3; i++) {
      String n = "r" + i + path.substring(2, 8);
      iam.createRole(b -> b.roleName(n).path(path).assumeRolePolicyDocument(TRUST));
      iam.createGroup(b -> b.groupName("g" + n).path(path));
      iam.createPolicy(b -> b.policyName("p" + n).path(path).policyDocument(DOC));
      iam.putUserPolicy(b -> b.userName(user).policyName("inline" + n).policyDocument(DOC));
    }
    assertThat(iam.listRoles(b -> b.pathPrefix(path).maxItems(2)).isTruncated()).isTrue();
    assertThat(iam.listRolesPaginator(b -> b.pathPrefix(path).maxItems(2)).roles()).hasSize(3);
    assertThat(iam.listGroupsPaginator(b -> b.pathPrefix(path).maxItems(2)).groups()).hasSize(3);
    assertThat(iam.listPoliciesPaginator(b -> b.pathPrefix(path).maxItems(2)).policies())
        .hasSize(3);
    assertThat(iam.listPolicies(b -> b.pathPrefix(path).scope("AWS")).policies()).isEmpty();
    assertThat(iam.listUserPolicies(b -> b.userName(user).maxItems(2)).isTruncated()).isTrue();
    assertThat(iam.listUserPoliciesPaginator(b -> b.userName(user).maxItems(2)).policyNames())
        .hasSize(3);
  }

  @Test
  void policyVersions_listNewestFirst_defaultCannotBeDeleted_policyGoesAfterItsVersions() {
    String name = "versions" + path().substring(2, 8);
    String arn = iam.createPolicy(b -> b.policyName(name).policyDocument(DOC)).policy().arn();
    iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(DOC).setAsDefault(true));
    iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(DOC));
    assertThat(
            iam.listPolicyVersions(b -> b.policyArn(arn)).versions().stream()
                .map(v -> v.versionId() + (v.isDefaultVersion() ? "*" : ""))
                .toList())
        .containsExactly("v3", "v2*", "v1");
    var page = iam.listPolicyVersions(b -> b.policyArn(arn).maxItems(2));
    assertThat(page.isTruncated()).isTrue();
    assertThat(iam.listPolicyVersions(b -> b.policyArn(arn).marker(page.marker())).versions())
        .extracting(PolicyVersion::versionId)
        .containsExactly("v1");

    assertThatThrownBy(() -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v2")))
        .isInstanceOfSatisfying(
            DeleteConflictException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Cannot delete the default version of the policy."));
    assertThatThrownBy(() -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v9")))
        .isInstanceOf(NoSuchEntityException.class);
    assertThatThrownBy(() -> iam.deletePolicy(b -> b.policyArn(arn)))
        .isInstanceOf(DeleteConflictException.class);

    iam.setDefaultPolicyVersion(b -> b.policyArn(arn).versionId("v3"));
    assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v3");
    iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v1"));
    iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v2"));
    assertThat(iam.listPolicyVersions(b -> b.policyArn(arn)).versions())
        .extracting(PolicyVersion::versionId)
        .containsExactly("v3");
    iam.deletePolicy(b -> b.policyArn(arn));
    assertThatThrownBy(() -> iam.getPolicy(b -> b.policyArn(arn)))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void listEntitiesForPolicy_namesUsersGroupsAndRoles_andBlocksDeletion() {
    String s = path().substring(2, 8);
    String arn =
        iam.createPolicy(b -> b.policyName("shared" + s).policyDocument(DOC)).policy().arn();
    iam.createUser(b -> b.userName("U" + s));
    iam.createGroup(b -> b.groupName("G" + s));
    iam.createRole(b -> b.roleName("R" + s).assumeRolePolicyDocument(TRUST));
    iam.attachUserPolicy(b -> b.userName("U" + s).policyArn(arn));
    iam.attachGroupPolicy(b -> b.groupName("G" + s).policyArn(arn));
    iam.attachRolePolicy(b -> b.roleName("R" + s).policyArn(arn));

    var all = iam.listEntitiesForPolicy(b -> b.policyArn(arn));
    assertThat(all.policyUsers())
        .singleElement()
        .satisfies(u -> {
          assertThat(u.userName()).isEqualTo("U" + s);
          assertThat(u.userId()).startsWith("AIDA");
        });
    assertThat(all.policyGroups())
        .singleElement()
        .satisfies(g -> assertThat(g.groupName()).isEqualTo("G" + s));
    assertThat(all.policyRoles())
        .singleElement()
        .satisfies(r -> assertThat(r.roleName()).isEqualTo("R" + s));
    var roles = iam.listEntitiesForPolicy(b -> b.policyArn(arn).entityFilter(EntityType.ROLE));
    assertThat(roles.policyUsers()).isEmpty();
    assertThat(roles.policyRoles()).hasSize(1);
    var firstTwo = iam.listEntitiesForPolicy(b -> b.policyArn(arn).maxItems(2));
    assertThat(firstTwo.isTruncated()).isTrue();
    assertThat(firstTwo.policyUsers().size() + firstTwo.policyGroups().size()).isEqualTo(2);
    assertThat(
            iam.listEntitiesForPolicy(b -> b.policyArn(arn).maxItems(2).marker(firstTwo.marker()))
                .policyRoles())
        .hasSize(1);

    assertThatThrownBy(() -> iam.deletePolicy(b -> b.policyArn(arn)))
        .isInstanceOf(DeleteConflictException.class);
  }

  @Test
  void groups_getListsMembers_deleteNeedsAnEmptyGroup_listGroupsForUser() {
    String s = path().substring(2, 8);
    String group = "team" + s;
    String user = "member" + s;
    iam.createGroup(b -> b.groupName(group));
    iam.createUser(b -> b.userName(user));
    iam.addUserToGroup(b -> b.groupName(group).userName(user));
    iam.putGroupPolicy(b -> b.groupName(group).policyName("inline").policyDocument(DOC));

    var got = iam.getGroup(b -> b.groupName(group));
    assertThat(got.group().groupName()).isEqualTo(group);
    assertThat(got.users()).extracting(User::userName).containsExactly(user);
    assertThat(iam.listGroupsForUser(b -> b.userName(user)).groups())
        .singleElement()
        .satisfies(g -> assertThat(g.groupName()).isEqualTo(group));

    assertThatThrownBy(() -> iam.deleteGroup(b -> b.groupName(group)))
        .isInstanceOfSatisfying(
            DeleteConflictException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Cannot delete entity, must remove users from group first."));
    iam.removeUserFromGroup(b -> b.groupName(group).userName(user));
    assertThatThrownBy(() -> iam.deleteGroup(b -> b.groupName(group)))
        .isInstanceOfSatisfying(
            DeleteConflictException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Cannot delete entity, must delete policies first."));
    iam.deleteGroupPolicy(b -> b.groupName(group).policyName("inline"));
    iam.deleteGroup(b -> b.groupName(group));
    assertThatThrownBy(() -> iam.getGroup(b -> b.groupName(group)))
        .isInstanceOf(NoSuchEntityException.class);
    assertThat(iam.listGroupsForUser(b -> b.userName(user)).groups()).isEmpty();
  }
}
