package dev.coffer.auth.iam;

import dev.coffer.auth.CredentialStore;
import dev.coffer.core.error.DeleteConflictException;
import dev.coffer.core.error.EntityAlreadyExistsException;
import dev.coffer.core.error.LimitExceededException;
import dev.coffer.core.error.NoSuchEntityException;
import dev.coffer.core.iam.IamGroup;
import dev.coffer.core.iam.IamManagedPolicy;
import dev.coffer.core.iam.IamRole;
import dev.coffer.core.iam.IamTag;
import dev.coffer.core.iam.IamUser;
import dev.coffer.core.iam.OwnerType;
import dev.coffer.store.IamRepository;
import dev.coffer.store.Store;
import dev.coffer.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Users, groups, roles, inline and managed policies, attachments and tags of the accounts this
 * server hosts, with IAM's rules: names unique per account without regard to case, no deletion
 * while dependents remain (DeleteConflict), at most five versions of a managed policy. Policy
 * documents arrive already validated by the caller. Every change drops the cached credentials once
 * it has committed, since it may change what a principal is entitled to.
 */
public final class Identities {
  /** IAM's quota of versions per managed policy. */
  public static final int MAX_POLICY_VERSIONS = 5;

  private final Store store;
  private final Clock clock;
  private final CredentialStore credentials;

  public Identities(Store store, Clock clock, CredentialStore credentials) {
    this.store = store;
    this.clock = clock;
    this.credentials = credentials;
  }

  /** Makes sure {@code accountId} exists; called at start-up for the default account. */
  public void ensureAccount(String accountId) {
    store.execute(tx -> tx.iam().ensureAccount(accountId, clock.instant()));
  }

  /** The accounts this server hosts. */
  public List<String> accounts() {
    return store.read(tx -> tx.iam().accounts());
  }

  <T> T write(Function<IamRepository, T> work) {
    return store.write(tx -> {
      invalidateAfterCommit(tx);
      return work.apply(tx.iam());
    });
  }

  private void invalidateAfterCommit(Tx tx) {
    tx.afterCommit(credentials::invalidate);
  }

  // ---- users ----

  public IamUser createUser(String accountId, String name, String path, List<IamTag> tags) {
    return write(iam -> {
      if (iam.findUser(accountId, name).isPresent()) {
        throw new EntityAlreadyExistsException("User with name " + name + " already exists.");
      }
      IamUser u =
          new IamUser(
              accountId,
              name,
              IamIds.id("AIDA"),
              path,
              IamArns.user(accountId, path, name),
              clock.instant(),
              tags);
      iam.insertUser(u);
      return u;
    });
  }

  public IamUser getUser(String accountId, String name) {
    return store.read(tx -> requireUser(tx.iam(), accountId, name));
  }

  public List<IamUser> listUsers(String accountId, String pathPrefix) {
    return store.read(tx -> tx.iam().listUsers(accountId, pathPrefix));
  }

  public void deleteUser(String accountId, String name) {
    write(iam -> {
      IamUser u = requireUser(iam, accountId, name);
      if (!iam.accessKeys(accountId, Optional.of(u.userName())).isEmpty()) {
        throw conflict("must delete access keys first.");
      }
      requireNoPolicies(iam, accountId, OwnerType.USER, name);
      if (!iam.groupsOfUser(accountId, name).isEmpty()) {
        throw conflict("must remove users from group first.");
      }
      iam.deleteUser(accountId, name);
      return Boolean.TRUE;
    });
  }

  public void tagUser(String accountId, String name, List<IamTag> tags) {
    tag(accountId, OwnerType.USER, name, tags);
  }

  static IamUser requireUser(IamRepository iam, String accountId, String name) {
    return iam.findUser(accountId, name)
        .orElseThrow(
            () -> new NoSuchEntityException("The user with name " + name + " cannot be found."));
  }

  // ---- groups ----

  public IamGroup createGroup(String accountId, String name, String path) {
    return write(iam -> {
      if (iam.findGroup(accountId, name).isPresent()) {
        throw new EntityAlreadyExistsException("Group with name " + name + " already exists.");
      }
      IamGroup g =
          new IamGroup(
              accountId,
              name,
              IamIds.id("AGPA"),
              path,
              IamArns.group(accountId, path, name),
              clock.instant());
      iam.insertGroup(g);
      return g;
    });
  }

  public void addUserToGroup(String accountId, String groupName, String userName) {
    write(iam -> {
      requireGroup(iam, accountId, groupName);
      requireUser(iam, accountId, userName);
      return iam.addMember(accountId, groupName, userName);
    });
  }

  public void removeUserFromGroup(String accountId, String groupName, String userName) {
    write(iam -> {
      requireGroup(iam, accountId, groupName);
      requireUser(iam, accountId, userName);
      return iam.removeMember(accountId, groupName, userName);
    });
  }

  public List<IamGroup> listGroups(String accountId, String pathPrefix) {
    return store.read(tx -> tx.iam().listGroups(accountId, pathPrefix));
  }

  /** The group and its members. */
  public Map.Entry<IamGroup, List<IamUser>> getGroup(String accountId, String name) {
    return store.read(tx -> {
      IamGroup g = requireGroup(tx.iam(), accountId, name);
      return Map.entry(g, tx.iam().groupMembers(accountId, g.groupName()));
    });
  }

  public List<IamGroup> groupsForUser(String accountId, String userName) {
    return store.read(tx -> {
      IamUser u = requireUser(tx.iam(), accountId, userName);
      return tx.iam().groupsOfUser(accountId, u.userName());
    });
  }

  /** Deletes an empty group: IAM refuses while it has members, inline or attached policies. */
  public void deleteGroup(String accountId, String name) {
    write(iam -> {
      IamGroup g = requireGroup(iam, accountId, name);
      if (!iam.groupMembers(accountId, g.groupName()).isEmpty()) {
        throw conflict("must remove users from group first.");
      }
      requireNoPolicies(iam, accountId, OwnerType.GROUP, name);
      iam.deleteGroup(accountId, name);
      return Boolean.TRUE;
    });
  }

  static IamGroup requireGroup(IamRepository iam, String accountId, String name) {
    return iam.findGroup(accountId, name)
        .orElseThrow(
            () -> new NoSuchEntityException("The group with name " + name + " cannot be found."));
  }

  // ---- roles ----

  public IamRole createRole(
      String accountId,
      String name,
      String path,
      String trustPolicy,
      String description,
      int maxSessionSeconds,
      List<IamTag> tags) {
    return write(iam -> {
      if (iam.findRole(accountId, name).isPresent()) {
        throw new EntityAlreadyExistsException("Role with name " + name + " already exists.");
      }
      IamRole r =
          new IamRole(
              accountId,
              name,
              IamIds.id("AROA"),
              path,
              IamArns.role(accountId, path, name),
              description,
              trustPolicy,
              maxSessionSeconds,
              clock.instant(),
              tags);
      iam.insertRole(r);
      return r;
    });
  }

  public List<IamRole> listRoles(String accountId, String pathPrefix) {
    return store.read(tx -> tx.iam().listRoles(accountId, pathPrefix));
  }

  public IamRole getRole(String accountId, String name) {
    return store.read(tx -> requireRole(tx.iam(), accountId, name));
  }

  public void deleteRole(String accountId, String name) {
    write(iam -> {
      requireRole(iam, accountId, name);
      requireNoPolicies(iam, accountId, OwnerType.ROLE, name);
      iam.deleteRole(accountId, name);
      return Boolean.TRUE;
    });
  }

  public void updateAssumeRolePolicy(String accountId, String name, String document) {
    write(iam -> {
      requireRole(iam, accountId, name);
      iam.updateTrustPolicy(accountId, name, document);
      return Boolean.TRUE;
    });
  }

  public void tagRole(String accountId, String name, List<IamTag> tags) {
    tag(accountId, OwnerType.ROLE, name, tags);
  }

  static IamRole requireRole(IamRepository iam, String accountId, String name) {
    return iam.findRole(accountId, name)
        .orElseThrow(
            () -> new NoSuchEntityException("The role with name " + name + " cannot be found."));
  }

  // ---- inline policies ----

  public void putInlinePolicy(
      String accountId, OwnerType owner, String ownerName, String policyName, String document) {
    write(iam -> {
      requireOwner(iam, accountId, owner, ownerName);
      iam.putInlinePolicy(accountId, owner, ownerName, policyName, document);
      return Boolean.TRUE;
    });
  }

  public String getInlinePolicy(
      String accountId, OwnerType owner, String ownerName, String policyName) {
    return store.read(tx -> {
      requireOwner(tx.iam(), accountId, owner, ownerName);
      return tx.iam()
          .findInlinePolicy(accountId, owner, ownerName, policyName)
          .orElseThrow(() -> noSuchInline(owner, policyName));
    });
  }

  public void deleteInlinePolicy(
      String accountId, OwnerType owner, String ownerName, String policyName) {
    write(iam -> {
      requireOwner(iam, accountId, owner, ownerName);
      if (!iam.deleteInlinePolicy(accountId, owner, ownerName, policyName)) {
        throw noSuchInline(owner, policyName);
      }
      return Boolean.TRUE;
    });
  }

  /** The names of the owner's inline policies. */
  public List<String> listInlinePolicies(String accountId, OwnerType owner, String ownerName) {
    return store.read(tx -> {
      requireOwner(tx.iam(), accountId, owner, ownerName);
      return List.copyOf(tx.iam().inlinePolicies(accountId, owner, ownerName).keySet());
    });
  }

  private static NoSuchEntityException noSuchInline(OwnerType owner, String policyName) {
    return new NoSuchEntityException(
        "The " + owner.column() + " policy with name " + policyName + " cannot be found.");
  }

  private static void requireOwner(
      IamRepository iam, String accountId, OwnerType owner, String name) {
    switch (owner) {
      case USER -> requireUser(iam, accountId, name);
      case GROUP -> requireGroup(iam, accountId, name);
      case ROLE -> requireRole(iam, accountId, name);
    }
  }

  // ---- managed policies ----

  public IamManagedPolicy createPolicy(
      String accountId, String name, String path, String description, String document) {
    return write(iam -> {
      if (iam.managedPolicyNameTaken(accountId, name)) {
        throw new EntityAlreadyExistsException(
            "A policy called " + name + " already exists. Duplicate names are not allowed.");
      }
      Instant now = clock.instant();
      IamManagedPolicy p =
          new IamManagedPolicy(
              accountId,
              name,
              IamIds.id("ANPA"),
              path,
              IamArns.policy(accountId, path, name),
              description,
              "v1",
              now,
              now,
              0);
      iam.insertManagedPolicy(p, document);
      return p;
    });
  }

  public IamManagedPolicy getPolicy(String accountId, String arn) {
    return store.read(tx -> requirePolicy(tx.iam(), accountId, arn));
  }

  public void deletePolicy(String accountId, String arn) {
    write(iam -> {
      IamManagedPolicy p = requirePolicy(iam, accountId, arn);
      if (p.attachmentCount() > 0) {
        throw new DeleteConflictException("Cannot delete a policy attached to entities.");
      }
      if (iam.policyVersions(arn).size() > 1) {
        // IAM API Reference, DeletePolicy: non-default versions must be deleted first.
        throw new DeleteConflictException(
            "This policy has more than one version. Before you delete a policy, you must delete"
                + " the policy's versions. The default version is deleted with the policy.");
      }
      iam.deleteManagedPolicy(arn);
      return Boolean.TRUE;
    });
  }

  /** Adds a version to the policy; returns its id and whether it is the default. */
  public Map.Entry<String, Boolean> createPolicyVersion(
      String accountId, String arn, String document, boolean setAsDefault) {
    return write(iam -> {
      requirePolicy(iam, accountId, arn);
      if (iam.policyVersions(arn).size() >= MAX_POLICY_VERSIONS) {
        throw new LimitExceededException(
            "A managed policy can have up to "
                + MAX_POLICY_VERSIONS
                + " versions. Before you create a new version, you must delete an existing"
                + " version.");
      }
      String id = iam.addPolicyVersion(arn, document, setAsDefault, clock.instant());
      return Map.entry(id, setAsDefault);
    });
  }

  /** The versions of the policy, oldest first. */
  public List<dev.coffer.core.iam.IamPolicyVersion> policyVersions(String accountId, String arn) {
    return store.read(tx -> {
      requirePolicy(tx.iam(), accountId, arn);
      return tx.iam().policyVersions(arn);
    });
  }

  /** The account's customer managed policies under {@code pathPrefix}. */
  public List<IamManagedPolicy> listPolicies(String accountId, String pathPrefix) {
    return store.read(tx -> tx.iam().listManagedPolicies(accountId, pathPrefix));
  }

  /** Deletes a version other than the default one. */
  public void deletePolicyVersion(String accountId, String arn, String versionId) {
    write(iam -> {
      IamManagedPolicy p = requirePolicy(iam, accountId, arn);
      if (p.defaultVersion().equals(versionId)) {
        throw new DeleteConflictException("Cannot delete the default version of the policy.");
      }
      if (!iam.deletePolicyVersion(arn, versionId)) {
        throw noSuchVersion(arn, versionId);
      }
      return Boolean.TRUE;
    });
  }

  /** Makes an existing version the default one: the version that decides. */
  public void setDefaultPolicyVersion(String accountId, String arn, String versionId) {
    write(iam -> {
      requirePolicy(iam, accountId, arn);
      if (iam.policyVersions(arn).stream().noneMatch(v -> v.versionId().equals(versionId))) {
        throw noSuchVersion(arn, versionId);
      }
      iam.setDefaultPolicyVersion(arn, versionId, clock.instant());
      return Boolean.TRUE;
    });
  }

  /** A user, group or role a managed policy is attached to, with its name as created. */
  public record PolicyEntity(OwnerType type, String name, String id) {}

  /** A policy's attachments, users first, then groups, then roles, each by name. */
  public List<PolicyEntity> entitiesForPolicy(String accountId, String arn) {
    return store.read(tx -> {
      IamRepository iam = tx.iam();
      requirePolicy(iam, accountId, arn);
      List<PolicyEntity> out = new java.util.ArrayList<>();
      for (Map.Entry<OwnerType, String> a : iam.attachmentsOf(arn)) {
        String k = a.getValue();
        Optional<PolicyEntity> e =
            switch (a.getKey()) {
              case USER ->
                  iam.findUser(accountId, k)
                      .map(u -> new PolicyEntity(OwnerType.USER, u.userName(), u.userId()));
              case GROUP ->
                  iam.findGroup(accountId, k)
                      .map(g -> new PolicyEntity(OwnerType.GROUP, g.groupName(), g.groupId()));
              case ROLE ->
                  iam.findRole(accountId, k)
                      .map(r -> new PolicyEntity(OwnerType.ROLE, r.roleName(), r.roleId()));
            };
        e.ifPresent(out::add);
      }
      return out;
    });
  }

  public static NoSuchEntityException noSuchVersion(String arn, String versionId) {
    return new NoSuchEntityException(
        "Policy " + arn + " version " + versionId + " does not exist or is not attachable.");
  }

  /** The document of the policy's default version. */
  public String defaultPolicyDocument(String accountId, String arn) {
    return store.read(tx -> {
      requirePolicy(tx.iam(), accountId, arn);
      return tx.iam().defaultPolicyDocument(arn).orElseThrow();
    });
  }

  public void attachPolicy(String accountId, OwnerType owner, String ownerName, String arn) {
    write(iam -> {
      requireOwner(iam, accountId, owner, ownerName);
      requirePolicy(iam, accountId, arn);
      return iam.attach(accountId, owner, ownerName, arn, clock.instant());
    });
  }

  public void detachPolicy(String accountId, OwnerType owner, String ownerName, String arn) {
    write(iam -> {
      requireOwner(iam, accountId, owner, ownerName);
      requirePolicy(iam, accountId, arn);
      if (!iam.detach(accountId, owner, ownerName, arn)) {
        throw new NoSuchEntityException("Policy " + arn + " was not found.");
      }
      return Boolean.TRUE;
    });
  }

  public List<IamManagedPolicy> attachedPolicies(
      String accountId, OwnerType owner, String ownerName) {
    return store.read(tx -> {
      requireOwner(tx.iam(), accountId, owner, ownerName);
      return tx.iam().attachedPolicies(accountId, owner, ownerName);
    });
  }

  /** Only the account's own customer managed policies exist here; AWS managed ones do not. */
  static IamManagedPolicy requirePolicy(IamRepository iam, String accountId, String arn) {
    Optional<IamManagedPolicy> p =
        IamArns.accountOf(arn).equals(accountId) ? iam.findManagedPolicy(arn) : Optional.empty();
    return p.orElseThrow(
        () -> new NoSuchEntityException("Policy " + arn + " does not exist or is not attachable."));
  }

  /** Adds or replaces tags of the existing user, group or role {@code name}. */
  private void tag(String accountId, OwnerType owner, String name, List<IamTag> tags) {
    write(iam -> {
      requireOwner(iam, accountId, owner, name);
      iam.putTags(accountId, owner, name, tags);
      return Boolean.TRUE;
    });
  }

  /**
   * Refuses to delete a user, group or role that still has inline policies or attached managed
   * policies, as IAM does (DeleteConflict).
   */
  private static void requireNoPolicies(
      IamRepository iam, String accountId, OwnerType owner, String name) {
    if (!iam.inlinePolicies(accountId, owner, name).isEmpty()) {
      throw conflict("must delete policies first.");
    }
    if (!iam.attachedPolicies(accountId, owner, name).isEmpty()) {
      throw conflict("must detach all policies first.");
    }
  }

  private static DeleteConflictException conflict(String what) {
    return new DeleteConflictException("Cannot delete entity, " + what);
  }
}
