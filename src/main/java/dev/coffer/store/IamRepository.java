package dev.coffer.store;

import dev.coffer.core.iam.AccessKeyLastUse;
import dev.coffer.core.iam.IamAccessKey;
import dev.coffer.core.iam.IamGroup;
import dev.coffer.core.iam.IamManagedPolicy;
import dev.coffer.core.iam.IamPolicyVersion;
import dev.coffer.core.iam.IamRole;
import dev.coffer.core.iam.IamSession;
import dev.coffer.core.iam.IamTag;
import dev.coffer.core.iam.IamUser;
import dev.coffer.core.iam.OwnerType;
import dev.coffer.core.iam.SealedSecret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Accounts, users, groups, roles, policies, access keys and sessions. Names are looked up without
 * regard to case (IAM names are unique case-insensitively); credential secrets are handed in and
 * out sealed only.
 */
public final class IamRepository {
  private static final String USER_COLUMNS =
      "account_id, user_name, user_id, path, arn, created_at";
  private static final String ROLE_COLUMNS =
      "account_id, role_name, role_id, path, arn, description, trust_policy, max_session_seconds,"
          + " created_at";
  private static final String POLICY_COLUMNS =
      "p.account_id, p.policy_name, p.policy_id, p.path, p.arn, p.description, p.default_version,"
          + " p.created_at, p.updated_at, (SELECT COUNT(*) FROM iam_attachments a WHERE"
          + " a.policy_arn = p.arn) AS attachments";
  private static final String KEY_COLUMNS =
      "k.access_key_id, k.account_id, u.user_name, k.status, k.created_at, k.last_used_at,"
          + " k.secret_key_arn, k.secret_blob";
  private static final String SESSION_COLUMNS =
      "s.access_key_id, s.account_id, s.created_at, s.expires_at, r.role_name, s.session_name,"
          + " u.user_name, s.session_tags, s.session_policy, s.secret_key_arn, s.secret_blob";

  private final Sql sql;

  IamRepository(Sql sql) {
    this.sql = sql;
  }

  /** The case-insensitive key of an IAM name. */
  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  // ---- accounts ----

  /** Records the account if it is not yet known; returns whether it was added. */
  public boolean ensureAccount(String accountId, Instant now) {
    if (accountExists(accountId)) {
      return false;
    }
    sql.update("INSERT INTO iam_accounts (account_id, created_at) VALUES (?, ?)", accountId, now);
    return true;
  }

  public boolean accountExists(String accountId) {
    return sql.queryOne(
            "SELECT 1 FROM iam_accounts WHERE account_id = ?", rs -> Boolean.TRUE, accountId)
        .isPresent();
  }

  public List<String> accounts() {
    return sql.query(
        "SELECT account_id FROM iam_accounts ORDER BY account_id", rs -> rs.getString(1));
  }

  // ---- users ----

  public void insertUser(IamUser u) {
    sql.update(
        "INSERT INTO iam_users (account_id, name_key, user_name, user_id, path, arn, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        u.accountId(),
        key(u.userName()),
        u.userName(),
        u.userId(),
        u.path(),
        u.arn(),
        u.createdAt());
    replaceTags(u.accountId(), OwnerType.USER, u.userName(), u.tags());
  }

  public Optional<IamUser> findUser(String accountId, String userName) {
    return sql.queryOne(
            "SELECT " + USER_COLUMNS + " FROM iam_users WHERE account_id = ? AND name_key = ?",
            IamRepository::mapUser,
            accountId,
            key(userName))
        .map(u -> withTags(u, tags(accountId, OwnerType.USER, u.userName())));
  }

  /** Users whose path starts with {@code pathPrefix}, by name (tags not loaded). */
  public List<IamUser> listUsers(String accountId, String pathPrefix) {
    return sql.query(
        "SELECT "
            + USER_COLUMNS
            + " FROM iam_users WHERE account_id = ? AND substr(path, 1, ?) = ? ORDER BY name_key",
        IamRepository::mapUser,
        accountId,
        pathPrefix.length(),
        pathPrefix);
  }

  public void deleteUser(String accountId, String userName) {
    String k = key(userName);
    sql.update("DELETE FROM iam_users WHERE account_id = ? AND name_key = ?", accountId, k);
    deleteOwned(accountId, OwnerType.USER, k);
    sql.update("DELETE FROM iam_group_members WHERE account_id = ? AND user_key = ?", accountId, k);
  }

  private static IamUser mapUser(ResultSet rs) throws SQLException {
    return new IamUser(
        rs.getString("account_id"),
        rs.getString("user_name"),
        rs.getString("user_id"),
        rs.getString("path"),
        rs.getString("arn"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        List.of());
  }

  private static IamUser withTags(IamUser u, List<IamTag> tags) {
    return new IamUser(
        u.accountId(), u.userName(), u.userId(), u.path(), u.arn(), u.createdAt(), tags);
  }

  // ---- groups ----

  public void insertGroup(IamGroup g) {
    sql.update(
        "INSERT INTO iam_groups (account_id, name_key, group_name, group_id, path, arn,"
            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        g.accountId(),
        key(g.groupName()),
        g.groupName(),
        g.groupId(),
        g.path(),
        g.arn(),
        g.createdAt());
  }

  public Optional<IamGroup> findGroup(String accountId, String groupName) {
    return sql.queryOne(
        "SELECT account_id, group_name, group_id, path, arn, created_at FROM iam_groups"
            + " WHERE account_id = ? AND name_key = ?",
        IamRepository::mapGroup,
        accountId,
        key(groupName));
  }

  /** The groups {@code userName} belongs to, by name. */
  public List<IamGroup> groupsOfUser(String accountId, String userName) {
    return sql.query(
        "SELECT g.account_id, g.group_name, g.group_id, g.path, g.arn, g.created_at FROM"
            + " iam_groups g JOIN iam_group_members m ON m.account_id = g.account_id AND"
            + " m.group_key = g.name_key WHERE m.account_id = ? AND m.user_key = ? ORDER BY"
            + " g.name_key",
        IamRepository::mapGroup,
        accountId,
        key(userName));
  }

  /** Groups whose path starts with {@code pathPrefix}, by name. */
  public List<IamGroup> listGroups(String accountId, String pathPrefix) {
    return sql.query(
        "SELECT account_id, group_name, group_id, path, arn, created_at FROM iam_groups WHERE"
            + " account_id = ? AND substr(path, 1, ?) = ? ORDER BY name_key",
        IamRepository::mapGroup,
        accountId,
        pathPrefix.length(),
        pathPrefix);
  }

  /** The members of the group, by name (tags not loaded). */
  public List<IamUser> groupMembers(String accountId, String groupName) {
    return sql.query(
        "SELECT u.account_id, u.user_name, u.user_id, u.path, u.arn, u.created_at FROM iam_users u"
            + " JOIN iam_group_members m ON m.account_id = u.account_id AND m.user_key ="
            + " u.name_key WHERE m.account_id = ? AND m.group_key = ? ORDER BY u.name_key",
        IamRepository::mapUser,
        accountId,
        key(groupName));
  }

  public void deleteGroup(String accountId, String groupName) {
    String k = key(groupName);
    sql.update("DELETE FROM iam_groups WHERE account_id = ? AND name_key = ?", accountId, k);
    deleteOwned(accountId, OwnerType.GROUP, k);
    sql.update(
        "DELETE FROM iam_group_members WHERE account_id = ? AND group_key = ?", accountId, k);
  }

  /** Adds the user to the group; returns false when it already was a member. */
  public boolean addMember(String accountId, String groupName, String userName) {
    boolean present =
        sql.queryOne(
                "SELECT 1 FROM iam_group_members WHERE account_id = ? AND group_key = ? AND"
                    + " user_key = ?",
                rs -> Boolean.TRUE,
                accountId,
                key(groupName),
                key(userName))
            .isPresent();
    if (present) {
      return false;
    }
    sql.update(
        "INSERT INTO iam_group_members (account_id, group_key, user_key) VALUES (?, ?, ?)",
        accountId,
        key(groupName),
        key(userName));
    return true;
  }

  /** Removes the user from the group; returns whether it was a member. */
  public boolean removeMember(String accountId, String groupName, String userName) {
    return sql.update(
            "DELETE FROM iam_group_members WHERE account_id = ? AND group_key = ? AND user_key = ?",
            accountId,
            key(groupName),
            key(userName))
        > 0;
  }

  private static IamGroup mapGroup(ResultSet rs) throws SQLException {
    return new IamGroup(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        Instant.ofEpochMilli(rs.getLong(6)));
  }

  // ---- roles ----

  public void insertRole(IamRole r) {
    sql.update(
        "INSERT INTO iam_roles (account_id, name_key, role_name, role_id, path, arn, description,"
            + " trust_policy, max_session_seconds, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?)",
        r.accountId(),
        key(r.roleName()),
        r.roleName(),
        r.roleId(),
        r.path(),
        r.arn(),
        r.description(),
        r.trustPolicy(),
        r.maxSessionSeconds(),
        r.createdAt());
    replaceTags(r.accountId(), OwnerType.ROLE, r.roleName(), r.tags());
  }

  public Optional<IamRole> findRole(String accountId, String roleName) {
    return sql.queryOne(
            "SELECT " + ROLE_COLUMNS + " FROM iam_roles WHERE account_id = ? AND name_key = ?",
            rs -> mapRole(rs, List.of()),
            accountId,
            key(roleName))
        .map(r -> {
          List<IamTag> tags = tags(accountId, OwnerType.ROLE, r.roleName());
          return new IamRole(
              r.accountId(),
              r.roleName(),
              r.roleId(),
              r.path(),
              r.arn(),
              r.description(),
              r.trustPolicy(),
              r.maxSessionSeconds(),
              r.createdAt(),
              tags);
        });
  }

  /** Roles whose path starts with {@code pathPrefix}, by name (tags not loaded). */
  public List<IamRole> listRoles(String accountId, String pathPrefix) {
    return sql.query(
        "SELECT "
            + ROLE_COLUMNS
            + " FROM iam_roles WHERE account_id = ? AND substr(path, 1, ?) = ? ORDER BY name_key",
        rs -> mapRole(rs, List.of()),
        accountId,
        pathPrefix.length(),
        pathPrefix);
  }

  public void updateTrustPolicy(String accountId, String roleName, String document) {
    sql.update(
        "UPDATE iam_roles SET trust_policy = ? WHERE account_id = ? AND name_key = ?",
        document,
        accountId,
        key(roleName));
  }

  public void deleteRole(String accountId, String roleName) {
    String k = key(roleName);
    sql.update("DELETE FROM iam_roles WHERE account_id = ? AND name_key = ?", accountId, k);
    deleteOwned(accountId, OwnerType.ROLE, k);
  }

  private static IamRole mapRole(ResultSet rs, List<IamTag> tags) throws SQLException {
    return new IamRole(
        rs.getString("account_id"),
        rs.getString("role_name"),
        rs.getString("role_id"),
        rs.getString("path"),
        rs.getString("arn"),
        rs.getString("description"),
        rs.getString("trust_policy"),
        rs.getInt("max_session_seconds"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        tags);
  }

  // ---- inline policies ----

  /** Creates or replaces the inline policy {@code policyName} of the owner. */
  public void putInlinePolicy(
      String accountId, OwnerType owner, String ownerName, String policyName, String document) {
    String k = key(ownerName);
    sql.update(
        "DELETE FROM iam_inline_policies WHERE account_id = ? AND owner_type = ? AND owner_key = ?"
            + " AND policy_name = ?",
        accountId,
        owner.column(),
        k,
        policyName);
    sql.update(
        "INSERT INTO iam_inline_policies (account_id, owner_type, owner_key, policy_name,"
            + " document) VALUES (?, ?, ?, ?, ?)",
        accountId,
        owner.column(),
        k,
        policyName,
        document);
  }

  public Optional<String> findInlinePolicy(
      String accountId, OwnerType owner, String ownerName, String policyName) {
    return sql.queryOne(
        "SELECT document FROM iam_inline_policies WHERE account_id = ? AND owner_type = ? AND"
            + " owner_key = ? AND policy_name = ?",
        rs -> rs.getString(1),
        accountId,
        owner.column(),
        key(ownerName),
        policyName);
  }

  /** The owner's inline policies, name to document, by name. */
  public Map<String, String> inlinePolicies(String accountId, OwnerType owner, String ownerName) {
    Map<String, String> out = new LinkedHashMap<>();
    sql.query(
        "SELECT policy_name, document FROM iam_inline_policies WHERE account_id = ? AND"
            + " owner_type = ? AND owner_key = ? ORDER BY policy_name",
        rs -> out.put(rs.getString(1), rs.getString(2)),
        accountId,
        owner.column(),
        key(ownerName));
    return out;
  }

  public boolean deleteInlinePolicy(
      String accountId, OwnerType owner, String ownerName, String policyName) {
    return sql.update(
            "DELETE FROM iam_inline_policies WHERE account_id = ? AND owner_type = ? AND"
                + " owner_key = ? AND policy_name = ?",
            accountId,
            owner.column(),
            key(ownerName),
            policyName)
        > 0;
  }

  // ---- managed policies ----

  public void insertManagedPolicy(IamManagedPolicy p, String document) {
    sql.update(
        "INSERT INTO iam_managed_policies (arn, account_id, name_key, policy_name, policy_id,"
            + " path, description, default_version, next_version, created_at, updated_at) VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.arn(),
        p.accountId(),
        key(p.policyName()),
        p.policyName(),
        p.policyId(),
        p.path(),
        p.description(),
        "v1",
        2,
        p.createdAt(),
        p.updatedAt());
    sql.update(
        "INSERT INTO iam_policy_versions (policy_arn, version_id, document, created_at) VALUES"
            + " (?, ?, ?, ?)",
        p.arn(),
        "v1",
        document,
        p.createdAt());
  }

  public Optional<IamManagedPolicy> findManagedPolicy(String arn) {
    return sql.queryOne(
        "SELECT " + POLICY_COLUMNS + " FROM iam_managed_policies p WHERE p.arn = ?",
        IamRepository::mapPolicy,
        arn);
  }

  /** The account's customer managed policies whose path starts with {@code pathPrefix}. */
  public List<IamManagedPolicy> listManagedPolicies(String accountId, String pathPrefix) {
    return sql.query(
        "SELECT "
            + POLICY_COLUMNS
            + " FROM iam_managed_policies p WHERE p.account_id = ? AND substr(p.path, 1, ?) = ?"
            + " ORDER BY p.name_key",
        IamRepository::mapPolicy,
        accountId,
        pathPrefix.length(),
        pathPrefix);
  }

  /** Deletes a version; returns whether it existed. */
  public boolean deletePolicyVersion(String arn, String versionId) {
    return sql.update(
            "DELETE FROM iam_policy_versions WHERE policy_arn = ? AND version_id = ?",
            arn,
            versionId)
        > 0;
  }

  public void setDefaultPolicyVersion(String arn, String versionId, Instant now) {
    sql.update(
        "UPDATE iam_managed_policies SET default_version = ?, updated_at = ? WHERE arn = ?",
        versionId,
        now,
        arn);
  }

  /** Who the policy is attached to: owner type and owner name key, by type then key. */
  public List<Map.Entry<OwnerType, String>> attachmentsOf(String policyArn) {
    return sql.query(
        "SELECT owner_type, owner_key FROM iam_attachments WHERE policy_arn = ? ORDER BY"
            + " owner_type, owner_key",
        rs -> Map.entry(OwnerType.ofColumn(rs.getString(1)), rs.getString(2)),
        policyArn);
  }

  public boolean managedPolicyNameTaken(String accountId, String policyName) {
    return sql.queryOne(
            "SELECT 1 FROM iam_managed_policies WHERE account_id = ? AND name_key = ?",
            rs -> Boolean.TRUE,
            accountId,
            key(policyName))
        .isPresent();
  }

  /** Adds a version; when {@code setAsDefault} it becomes the default. Returns its id. */
  public String addPolicyVersion(String arn, String document, boolean setAsDefault, Instant now) {
    int next =
        sql.queryOne(
                "SELECT next_version FROM iam_managed_policies WHERE arn = ?",
                rs -> rs.getInt(1),
                arn)
            .orElseThrow();
    String versionId = "v" + next;
    sql.update(
        "INSERT INTO iam_policy_versions (policy_arn, version_id, document, created_at) VALUES"
            + " (?, ?, ?, ?)",
        arn,
        versionId,
        document,
        now);
    sql.update(
        "UPDATE iam_managed_policies SET next_version = ?, updated_at = ?"
            + (setAsDefault ? ", default_version = ?" : "")
            + " WHERE arn = ?",
        setAsDefault
            ? new Object[] {next + 1, now, versionId, arn}
            : new Object[] {next + 1, now, arn});
    return versionId;
  }

  public List<IamPolicyVersion> policyVersions(String arn) {
    return sql.query(
        "SELECT v.version_id, v.document, v.version_id = p.default_version, v.created_at FROM"
            + " iam_policy_versions v JOIN iam_managed_policies p ON p.arn = v.policy_arn WHERE"
            + " v.policy_arn = ? ORDER BY v.created_at, v.version_id",
        rs ->
            new IamPolicyVersion(
                rs.getString(1),
                rs.getString(2),
                rs.getBoolean(3),
                Instant.ofEpochMilli(rs.getLong(4))),
        arn);
  }

  /** The document of the policy's default version. */
  public Optional<String> defaultPolicyDocument(String arn) {
    return sql.queryOne(
        "SELECT v.document FROM iam_policy_versions v JOIN iam_managed_policies p ON p.arn ="
            + " v.policy_arn AND v.version_id = p.default_version WHERE p.arn = ?",
        rs -> rs.getString(1),
        arn);
  }

  public void deleteManagedPolicy(String arn) {
    sql.update("DELETE FROM iam_policy_versions WHERE policy_arn = ?", arn);
    sql.update("DELETE FROM iam_managed_policies WHERE arn = ?", arn);
  }

  private static IamManagedPolicy mapPolicy(ResultSet rs) throws SQLException {
    return new IamManagedPolicy(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        Instant.ofEpochMilli(rs.getLong(8)),
        Instant.ofEpochMilli(rs.getLong(9)),
        rs.getInt(10));
  }

  // ---- attachments ----

  /** Attaches the policy; returns false when it already was attached. */
  public boolean attach(
      String accountId, OwnerType owner, String ownerName, String policyArn, Instant now) {
    if (attachedPolicyArns(accountId, owner, ownerName).contains(policyArn)) {
      return false;
    }
    sql.update(
        "INSERT INTO iam_attachments (account_id, owner_type, owner_key, policy_arn, attached_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        accountId,
        owner.column(),
        key(ownerName),
        policyArn,
        now);
    return true;
  }

  public boolean detach(String accountId, OwnerType owner, String ownerName, String policyArn) {
    return sql.update(
            "DELETE FROM iam_attachments WHERE account_id = ? AND owner_type = ? AND owner_key = ?"
                + " AND policy_arn = ?",
            accountId,
            owner.column(),
            key(ownerName),
            policyArn)
        > 0;
  }

  /** The managed policies attached to the owner, by ARN. */
  public List<IamManagedPolicy> attachedPolicies(
      String accountId, OwnerType owner, String ownerName) {
    return sql.query(
        "SELECT "
            + POLICY_COLUMNS
            + " FROM iam_managed_policies p JOIN iam_attachments x ON x.policy_arn = p.arn WHERE"
            + " x.account_id = ? AND x.owner_type = ? AND x.owner_key = ? ORDER BY p.arn",
        IamRepository::mapPolicy,
        accountId,
        owner.column(),
        key(ownerName));
  }

  private List<String> attachedPolicyArns(String accountId, OwnerType owner, String ownerName) {
    return sql.query(
        "SELECT policy_arn FROM iam_attachments WHERE account_id = ? AND owner_type = ? AND"
            + " owner_key = ?",
        rs -> rs.getString(1),
        accountId,
        owner.column(),
        key(ownerName));
  }

  // ---- tags ----

  /** Adds or overwrites tags of a user or role, keeping the position of existing keys. */
  public void putTags(String accountId, OwnerType owner, String ownerName, List<IamTag> added) {
    Map<String, IamTag> merged = new LinkedHashMap<>();
    for (IamTag t : tags(accountId, owner, ownerName)) {
      merged.put(t.key(), t);
    }
    for (IamTag t : added) {
      merged.put(t.key(), t);
    }
    replaceTags(accountId, owner, ownerName, List.copyOf(merged.values()));
  }

  public List<IamTag> tags(String accountId, OwnerType owner, String ownerName) {
    return sql.query(
        "SELECT tag_key, tag_value FROM iam_tags WHERE account_id = ? AND owner_type = ? AND"
            + " owner_key = ? ORDER BY position",
        rs -> new IamTag(rs.getString(1), rs.getString(2)),
        accountId,
        owner.column(),
        key(ownerName));
  }

  private void replaceTags(String accountId, OwnerType owner, String ownerName, List<IamTag> t) {
    String k = key(ownerName);
    sql.update(
        "DELETE FROM iam_tags WHERE account_id = ? AND owner_type = ? AND owner_key = ?",
        accountId,
        owner.column(),
        k);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      rows.add(new Object[] {accountId, owner.column(), k, t.get(i).key(), t.get(i).value(), i});
    }
    if (!rows.isEmpty()) {
      sql.batch(
          "INSERT INTO iam_tags (account_id, owner_type, owner_key, tag_key, tag_value, position)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          rows);
    }
  }

  private void deleteOwned(String accountId, OwnerType owner, String ownerKey) {
    for (String table : List.of("iam_inline_policies", "iam_attachments", "iam_tags")) {
      sql.update(
          "DELETE FROM " + table + " WHERE account_id = ? AND owner_type = ? AND owner_key = ?",
          accountId,
          owner.column(),
          ownerKey);
    }
  }

  // ---- access keys ----

  /** Inserts a key; an empty {@code userName} makes it a key of the account root. */
  public void insertAccessKey(IamAccessKey k) {
    sql.update(
        "INSERT INTO iam_access_keys (access_key_id, account_id, user_key, status,"
            + " secret_key_arn, secret_blob, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        k.accessKeyId(),
        k.accountId(),
        k.userName().map(IamRepository::key),
        k.status(),
        k.secret().keyArn(),
        k.secret().blob(),
        k.createdAt());
  }

  public Optional<IamAccessKey> findAccessKey(String accessKeyId) {
    return sql.queryOne(
        "SELECT "
            + KEY_COLUMNS
            + " FROM iam_access_keys k LEFT JOIN iam_users u ON u.account_id = k.account_id AND"
            + " u.name_key = k.user_key WHERE k.access_key_id = ?",
        IamRepository::mapKey,
        accessKeyId);
  }

  /** The keys of a user (or, for an empty name, the account root's), oldest first. */
  public List<IamAccessKey> accessKeys(String accountId, Optional<String> userName) {
    String where = userName.isPresent() ? "k.user_key = ?" : "k.user_key IS NULL";
    Object[] args =
        userName.isPresent()
            ? new Object[] {accountId, key(userName.get())}
            : new Object[] {accountId};
    return sql.query(
        "SELECT "
            + KEY_COLUMNS
            + " FROM iam_access_keys k LEFT JOIN iam_users u ON u.account_id = k.account_id AND"
            + " u.name_key = k.user_key WHERE k.account_id = ? AND "
            + where
            + " ORDER BY k.created_at, k.access_key_id",
        IamRepository::mapKey,
        args);
  }

  public boolean updateAccessKeyStatus(String accessKeyId, String status) {
    return sql.update(
            "UPDATE iam_access_keys SET status = ? WHERE access_key_id = ?", status, accessKeyId)
        > 0;
  }

  /**
   * Records a use of the key unless a later one is recorded already (another node of a cluster may
   * have written a later use first).
   */
  public void recordKeyUse(String accessKeyId, AccessKeyLastUse use) {
    sql.update(
        "UPDATE iam_access_keys SET last_used_at = ?, last_used_region = ?, last_used_service = ?"
            + " WHERE access_key_id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
        use.when(),
        use.region(),
        use.service(),
        accessKeyId,
        use.when());
  }

  /** The key's recorded last use; empty when it was never used or does not exist. */
  public Optional<AccessKeyLastUse> keyLastUse(String accessKeyId) {
    return sql.queryOne(
        "SELECT last_used_at, last_used_region, last_used_service FROM iam_access_keys"
            + " WHERE access_key_id = ? AND last_used_at IS NOT NULL",
        rs ->
            new AccessKeyLastUse(
                Instant.ofEpochMilli(rs.getLong(1)),
                Objects.requireNonNullElse(rs.getString(2), ""),
                Objects.requireNonNullElse(rs.getString(3), "")),
        accessKeyId);
  }

  public boolean deleteAccessKey(String accessKeyId) {
    return sql.update("DELETE FROM iam_access_keys WHERE access_key_id = ?", accessKeyId) > 0;
  }

  private static IamAccessKey mapKey(ResultSet rs) throws SQLException {
    return new IamAccessKey(
        rs.getString(1),
        rs.getString(2),
        Optional.ofNullable(rs.getString(3)),
        rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        Sql.optInstant(rs, "last_used_at"),
        new SealedSecret(rs.getString(7), rs.getBytes(8)));
  }

  // ---- sessions ----

  /**
   * Inserts a session; {@code tagsJson} is the session tags as a JSON object (the caller encodes
   * them, the store only keeps the text).
   */
  public void insertSession(IamSession s, String tagsJson) {
    sql.update(
        "INSERT INTO iam_sessions (access_key_id, account_id, secret_key_arn, secret_blob,"
            + " created_at, expires_at, role_key, session_name, user_key, session_tags,"
            + " session_policy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.accessKeyId(),
        s.accountId(),
        s.secret().keyArn(),
        s.secret().blob(),
        s.createdAt(),
        s.expiresAt(),
        s.roleName().map(IamRepository::key),
        s.sessionName(),
        s.userName().map(IamRepository::key),
        tagsJson,
        s.sessionPolicy());
  }

  /**
   * The session behind a temporary access key, with its tags as stored JSON text; the tag map of
   * the returned session is empty.
   */
  public Optional<Map.Entry<IamSession, String>> findSession(String accessKeyId) {
    return sql.queryOne(
        "SELECT "
            + SESSION_COLUMNS
            + " FROM iam_sessions s LEFT JOIN iam_roles r ON r.account_id = s.account_id AND"
            + " r.name_key = s.role_key LEFT JOIN iam_users u ON u.account_id = s.account_id AND"
            + " u.name_key = s.user_key WHERE s.access_key_id = ?",
        rs ->
            Map.entry(
                new IamSession(
                    rs.getString(1),
                    rs.getString(2),
                    Instant.ofEpochMilli(rs.getLong(3)),
                    Instant.ofEpochMilli(rs.getLong(4)),
                    Optional.ofNullable(rs.getString(5)),
                    Optional.ofNullable(rs.getString(6)),
                    Optional.ofNullable(rs.getString(7)),
                    Map.of(),
                    Optional.ofNullable(rs.getString(9)),
                    new SealedSecret(rs.getString(10), rs.getBytes(11))),
                rs.getString(8)),
        accessKeyId);
  }

  /** Deletes sessions that expired before {@code cutoff}; returns how many. */
  public int deleteSessionsExpiredBefore(Instant cutoff) {
    return sql.update("DELETE FROM iam_sessions WHERE expires_at < ?", cutoff);
  }
}
