package dev.coffer.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * KMS keys, their wrapped key material, aliases and tags. Key material is only ever handed in and
 * out wrapped; this repository never sees a key in clear.
 */
public final class KmsRepository {
  private static final String KEY_COLUMNS =
      "key_id, account_id, region, arn, description, key_manager, key_state, created_at,"
          + " deletion_at, pending_window_days, rotation_enabled, rotation_period_days,"
          + " next_rotation_at, on_demand_rotations, current_version, policy";

  private final Sql sql;

  KmsRepository(Sql sql) {
    this.sql = sql;
  }

  // ---- keys ----

  /**
   * The key {@code keyId} of the account and region; locked until commit when {@code forUpdate}.
   */
  public Optional<KmsKeyRecord> findKey(
      String accountId, String region, String keyId, boolean forUpdate) {
    String lock = forUpdate && sql.dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
    return sql.queryOne(
            "SELECT "
                + KEY_COLUMNS
                + " FROM kms_keys WHERE key_id = ? AND account_id = ? AND region = ?"
                + lock,
            KmsRepository::mapKey,
            keyId,
            accountId,
            region)
        .map(this::withTags);
  }

  /**
   * The committed state of the key {@code keyId} of the account and region, empty when there is no
   * such key: the one-column check a cryptographic operation makes before it uses cached material.
   */
  public Optional<String> keyState(String accountId, String region, String keyId) {
    return sql.queryOne(
        "SELECT key_state FROM kms_keys WHERE key_id = ? AND account_id = ? AND region = ?",
        rs -> rs.getString(1),
        keyId,
        accountId,
        region);
  }

  /**
   * The revision of the key {@code keyId} of the account and region, empty when there is no such
   * key: {@link #updateKey} increments it, so a copy of the key read after this revision was read
   * is current as long as this still returns the same number.
   */
  public Optional<Long> keyRevision(String accountId, String region, String keyId) {
    return sql.queryOne(
        "SELECT revision FROM kms_keys WHERE key_id = ? AND account_id = ? AND region = ?",
        rs -> rs.getLong(1),
        keyId,
        accountId,
        region);
  }

  /** The keys of an account and region in creation order (tags not loaded). */
  public List<KmsKeyRecord> listKeys(String accountId, String region) {
    return sql.query(
        "SELECT "
            + KEY_COLUMNS
            + " FROM kms_keys WHERE account_id = ? AND region = ? ORDER BY created_at, key_id",
        KmsRepository::mapKey,
        accountId,
        region);
  }

  /** Keys whose pending deletion window has ended. */
  public List<KmsKeyRecord> dueForDeletion(Instant now, int limit) {
    return sql.query(
        "SELECT "
            + KEY_COLUMNS
            + " FROM kms_keys WHERE deletion_at IS NOT NULL AND deletion_at <= ? ORDER BY"
            + " deletion_at LIMIT "
            + limit,
        KmsRepository::mapKey,
        now);
  }

  /** Keys whose automatic rotation date has come. */
  public List<KmsKeyRecord> dueForRotation(Instant now, int limit) {
    return sql.query(
        "SELECT "
            + KEY_COLUMNS
            + " FROM kms_keys WHERE next_rotation_at IS NOT NULL AND next_rotation_at <= ?"
            + " ORDER BY next_rotation_at LIMIT "
            + limit,
        KmsRepository::mapKey,
        now);
  }

  public void insertKey(KmsKeyRecord k) {
    sql.update(
        "INSERT INTO kms_keys ("
            + KEY_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        k.keyId(),
        k.accountId(),
        k.region(),
        k.arn(),
        k.description(),
        k.keyManager(),
        k.keyState(),
        k.createdAt(),
        k.deletionAt(),
        k.pendingWindowDays(),
        k.rotationEnabled(),
        k.rotationPeriodDays(),
        k.nextRotationAt(),
        k.onDemandRotations(),
        k.currentVersion(),
        k.policy());
    writeTags(k);
  }

  /**
   * Saves the mutable parts of a key (state, rotation, policy, description, tags) and moves its
   * revision on, so that cached copies of the key are known to be stale.
   */
  public void updateKey(KmsKeyRecord k) {
    sql.update(
        "UPDATE kms_keys SET description = ?, key_state = ?, deletion_at = ?,"
            + " pending_window_days = ?, rotation_enabled = ?, rotation_period_days = ?,"
            + " next_rotation_at = ?, on_demand_rotations = ?, current_version = ?, policy = ?,"
            + " revision = revision + 1 WHERE key_id = ?",
        k.description(),
        k.keyState(),
        k.deletionAt(),
        k.pendingWindowDays(),
        k.rotationEnabled(),
        k.rotationPeriodDays(),
        k.nextRotationAt(),
        k.onDemandRotations(),
        k.currentVersion(),
        k.policy(),
        k.keyId());
    sql.update("DELETE FROM kms_key_tags WHERE key_id = ?", k.keyId());
    writeTags(k);
  }

  /** Deletes a key with its material, aliases and tags. */
  public void deleteKey(String keyId) {
    sql.update("DELETE FROM kms_aliases WHERE target_key_id = ?", keyId);
    sql.update("DELETE FROM kms_key_tags WHERE key_id = ?", keyId);
    sql.update("DELETE FROM kms_key_material WHERE key_id = ?", keyId);
    sql.update("DELETE FROM kms_keys WHERE key_id = ?", keyId);
  }

  // ---- material ----

  public void insertMaterial(KeyMaterialRecord m) {
    sql.update(
        "INSERT INTO kms_key_material (key_id, version, material_id, created_at, rotation_type,"
            + " wrapped, root_generation) VALUES (?, ?, ?, ?, ?, ?, ?)",
        m.keyId(),
        m.version(),
        m.materialId(),
        m.createdAt(),
        m.rotationType(),
        m.wrapped(),
        m.rootGeneration());
  }

  public Optional<KeyMaterialRecord> material(String keyId, int version) {
    return sql.queryOne(
        "SELECT key_id, version, material_id, created_at, rotation_type, wrapped,"
            + " root_generation FROM"
            + " kms_key_material WHERE key_id = ? AND version = ?",
        KmsRepository::mapMaterial,
        keyId,
        version);
  }

  /** Every material version of a key, oldest first. */
  public List<KeyMaterialRecord> materials(String keyId) {
    return sql.query(
        "SELECT key_id, version, material_id, created_at, rotation_type, wrapped,"
            + " root_generation FROM"
            + " kms_key_material WHERE key_id = ? ORDER BY version",
        KmsRepository::mapMaterial,
        keyId);
  }

  /** Up to {@code limit} material versions wrapped by a root generation other than {@code gen}. */
  public List<KeyMaterialRecord> materialsNotUnder(int gen, int limit) {
    return sql.query(
        "SELECT key_id, version, material_id, created_at, rotation_type, wrapped, root_generation"
            + " FROM kms_key_material WHERE root_generation <> ? ORDER BY key_id, version LIMIT "
            + limit,
        KmsRepository::mapMaterial,
        gen);
  }

  /** How many material versions a root generation other than {@code gen} wraps. */
  public long countMaterialsNotUnder(int gen) {
    return sql.queryOne(
            "SELECT COUNT(*) FROM kms_key_material WHERE root_generation <> ?",
            rs -> rs.getLong(1),
            gen)
        .orElse(0L);
  }

  /**
   * Replaces a version's wrapped material if {@code fromGeneration} still wraps it.
   *
   * @return whether the row was replaced
   */
  public boolean rewrapMaterial(
      String keyId, int version, int fromGeneration, int toGeneration, byte[] wrapped) {
    return sql.update(
            "UPDATE kms_key_material SET wrapped = ?, root_generation = ? WHERE key_id = ? AND"
                + " version = ? AND root_generation = ?",
            wrapped,
            toGeneration,
            keyId,
            version,
            fromGeneration)
        == 1;
  }

  // ---- aliases ----

  public Optional<KmsAliasRecord> findAlias(String accountId, String region, String aliasName) {
    return sql.queryOne(
        "SELECT account_id, region, alias_name, target_key_id, created_at, updated_at FROM"
            + " kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?",
        KmsRepository::mapAlias,
        accountId,
        region,
        aliasName);
  }

  /** The aliases of an account and region by name. */
  public List<KmsAliasRecord> listAliases(String accountId, String region) {
    return sql.query(
        "SELECT account_id, region, alias_name, target_key_id, created_at, updated_at FROM"
            + " kms_aliases WHERE account_id = ? AND region = ? ORDER BY alias_name",
        KmsRepository::mapAlias,
        accountId,
        region);
  }

  public int countAliases(String targetKeyId) {
    return sql.queryOne(
            "SELECT COUNT(*) FROM kms_aliases WHERE target_key_id = ?",
            rs -> rs.getInt(1),
            targetKeyId)
        .orElse(0);
  }

  /**
   * Inserts an alias unless one with its name exists (then nothing changes).
   *
   * @return whether the alias was inserted
   */
  public boolean insertAliasIfAbsent(KmsAliasRecord a) {
    return sql.update(
            "INSERT INTO kms_aliases (account_id, region, alias_name, target_key_id, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            a.accountId(),
            a.region(),
            a.aliasName(),
            a.targetKeyId(),
            a.createdAt(),
            a.updatedAt())
        == 1;
  }

  public void retargetAlias(KmsAliasRecord a) {
    sql.update(
        "UPDATE kms_aliases SET target_key_id = ?, updated_at = ? WHERE account_id = ? AND"
            + " region = ? AND alias_name = ?",
        a.targetKeyId(),
        a.updatedAt(),
        a.accountId(),
        a.region(),
        a.aliasName());
  }

  public void deleteAlias(String accountId, String region, String aliasName) {
    sql.update(
        "DELETE FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?",
        accountId,
        region,
        aliasName);
  }

  // ---- mapping ----

  private void writeTags(KmsKeyRecord k) {
    int position = 0;
    for (Tag t : k.tags()) {
      sql.update(
          "INSERT INTO kms_key_tags (key_id, position, tag_key, tag_value) VALUES (?, ?, ?, ?)",
          k.keyId(),
          position++,
          t.key(),
          t.value());
    }
  }

  private KmsKeyRecord withTags(KmsKeyRecord k) {
    List<Tag> tags =
        sql.query(
            "SELECT tag_key, tag_value FROM kms_key_tags WHERE key_id = ? ORDER BY position",
            rs -> new Tag(rs.getString(1), rs.getString(2)),
            k.keyId());
    return k.toBuilder().tags(new ArrayList<>(tags)).build();
  }

  private static KmsKeyRecord mapKey(ResultSet rs) throws SQLException {
    return new KmsKeyRecord(
        rs.getString("key_id"),
        rs.getString("account_id"),
        rs.getString("region"),
        rs.getString("arn"),
        rs.getString("description"),
        rs.getString("key_manager"),
        rs.getString("key_state"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Sql.optInstant(rs, "deletion_at"),
        optInt(rs, "pending_window_days"),
        rs.getLong("rotation_enabled") != 0,
        optInt(rs, "rotation_period_days"),
        Sql.optInstant(rs, "next_rotation_at"),
        rs.getInt("on_demand_rotations"),
        rs.getInt("current_version"),
        rs.getString("policy"),
        List.of());
  }

  private static KeyMaterialRecord mapMaterial(ResultSet rs) throws SQLException {
    return new KeyMaterialRecord(
        rs.getString(1),
        rs.getInt(2),
        rs.getString(3),
        Instant.ofEpochMilli(rs.getLong(4)),
        Optional.ofNullable(rs.getString(5)),
        rs.getBytes(6),
        rs.getInt(7));
  }

  private static KmsAliasRecord mapAlias(ResultSet rs) throws SQLException {
    return new KmsAliasRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        Instant.ofEpochMilli(rs.getLong(6)));
  }

  private static Optional<Integer> optInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }
}
