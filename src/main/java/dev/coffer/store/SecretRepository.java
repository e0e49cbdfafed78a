package dev.coffer.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Secrets and everything that hangs off them, stored as rows. A secret is loaded with its metadata,
 * tags, labels, replicas and the versions its labels point to, never with its unlabelled versions:
 * a secret can collect thousands of those, and loading or saving it must not cost more for that.
 * Single versions are read with {@link #version}, all of them with {@link #versions}; values are
 * read and written one version at a time because they can be large. {@link #update} writes only the
 * rows that differ from what is stored.
 *
 * <p>Every method that changes a secret or anything hanging off it increments {@code
 * secrets.revision} in the same transaction, so a committed revision names one state of the whole
 * secret: caches validate what they hold against {@link #revision(long)}. The same statement keeps
 * {@code secrets.version_count} equal to the number of the secret's version rows. Write to these
 * tables only through this class.
 */
public final class SecretRepository {
  private static final String SECRET_COLUMNS =
      "id, account_id, region, name, arn, description, kms_key_id, created_at, last_changed_at,"
          + " last_accessed_day, deletion_at, rotation_enabled, rotation_lambda_arn,"
          + " rotation_rules, last_rotated_at, next_rotation_at, owning_service, secret_type,"
          + " resource_policy, primary_arn, revision";

  private static final String VERSION_COLUMNS =
      "v.secret_id, v.version_id, v.created_at, v.last_accessed_day, v.kms_key_arn, v.value_type";

  private final Sql sql;
  // Told of each insert, update and deletion (null when nobody observes secrets).
  private final @Nullable ChangeSink changes;

  /** Where a repository reports the secrets it changed. */
  @FunctionalInterface
  interface ChangeSink {
    void changed(SecretRecord secret, boolean removed);
  }

  SecretRepository(Sql sql) {
    this(sql, null);
  }

  SecretRepository(Sql sql, @Nullable ChangeSink changes) {
    this.sql = sql;
    this.changes = changes;
  }

  /** The secret with this ARN; when {@code forUpdate}, its row stays locked until commit. */
  public Optional<SecretRecord> findByArn(String arn, boolean forUpdate) {
    return loadOne("arn = ?", forUpdate, arn);
  }

  public Optional<SecretRecord> findByName(
      String accountId, String region, String name, boolean forUpdate) {
    return loadOne(
        "account_id = ? AND region = ? AND name = ?", forUpdate, accountId, region, name);
  }

  public Optional<SecretRecord> findById(long id, boolean forUpdate) {
    return loadOne("id = ?", forUpdate, id);
  }

  /** Every secret of an account in a region, oldest first. */
  public List<SecretRecord> list(String accountId, String region) {
    return loadMany("s.account_id = ? AND s.region = ?", "s.id", accountId, region);
  }

  /** Secrets whose scheduled deletion time has passed, at most {@code limit}. */
  public List<SecretRecord> dueForDeletion(Instant now, int limit) {
    return loadMany(
        "s.id IN (SELECT id FROM secrets WHERE deletion_at IS NOT NULL AND deletion_at <= ?"
            + " ORDER BY deletion_at LIMIT "
            + limit
            + ")",
        "s.deletion_at",
        now);
  }

  /** Replicas of the primary secret {@code primaryArn}. */
  public List<SecretRecord> replicasOf(String primaryArn) {
    return loadMany("s.primary_arn = ?", "s.id", primaryArn);
  }

  /**
   * The committed revision of the secret {@code id}, empty when it no longer exists: one
   * primary-key lookup, for caches to check that what they hold is current.
   */
  public OptionalLong revision(long id) {
    return sql.queryOne("SELECT revision FROM secrets WHERE id = ?", rs -> rs.getLong(1), id)
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /**
   * Ids of secrets that have more versions than {@code count}. Reads {@code secrets.version_count},
   * which {@link #insertVersion} and {@link #deleteVersion} keep, not the version rows; for {@code
   * count} 100 (the clean-up limit) the partial index {@code secrets_many_versions} holds exactly
   * the rows asked for, so the search costs what it finds, not what the store holds.
   */
  public List<Long> withMoreVersionsThan(int count) {
    // A literal, not a parameter: only then can the planners match the partial index's condition.
    return sql.query(
        "SELECT id FROM secrets WHERE version_count > " + count + " ORDER BY id",
        rs -> rs.getLong(1));
  }

  /**
   * The ids of the oldest versions of the secret {@code secretId} that hold no staging label and
   * were created before {@code createdBefore}, oldest first (as {@link #versions} orders them), at
   * most {@code limit}: what the version clean-up removes. Only those rows leave the database.
   */
  public List<String> oldestUnlabelled(long secretId, Instant createdBefore, int limit) {
    return sql.query(
        "SELECT v.version_id FROM secret_versions v WHERE v.secret_id = ? AND v.created_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM secret_stages g WHERE g.secret_id = v.secret_id"
            + " AND g.version_id = v.version_id) ORDER BY v.created_at, v.version_id LIMIT "
            + limit,
        rs -> rs.getString(1),
        secretId,
        createdBefore);
  }

  /** How many versions, labelled or not, the secret {@code secretId} has (0 if it is unknown). */
  public long versionCount(long secretId) {
    return sql.queryOne(
            "SELECT version_count FROM secrets WHERE id = ?", rs -> rs.getLong(1), secretId)
        .orElse(0L);
  }

  /**
   * The version {@code versionId} of the secret {@code secretId}, labelled or not: one primary-key
   * lookup.
   */
  public Optional<VersionRecord> version(long secretId, String versionId) {
    return sql.queryOne(
        "SELECT "
            + VERSION_COLUMNS
            + " FROM secret_versions v WHERE v.secret_id = ? AND"
            + " v.version_id = ?",
        SecretRepository::mapVersion,
        secretId,
        versionId);
  }

  /**
   * Every version of the secret {@code secretId}, labelled or not, oldest first. Its cost grows
   * with the number of versions: for listings, clean-up and replication, not for ordinary reads and
   * writes.
   */
  public List<VersionRecord> versions(long secretId) {
    return sql.query(
        "SELECT "
            + VERSION_COLUMNS
            + " FROM secret_versions v WHERE v.secret_id = ?"
            + " ORDER BY v.created_at, v.version_id",
        SecretRepository::mapVersion,
        secretId);
  }

  /** Inserts a new secret with its tags, labels and replicas (versions go in separately). */
  public SecretRecord insert(SecretRecord s) {
    long id =
        sql.insertReturningId(
            "INSERT INTO secrets (account_id, region, name, arn, description, kms_key_id,"
                + " created_at, last_changed_at, last_accessed_day, deletion_at, rotation_enabled,"
                + " rotation_lambda_arn, rotation_rules, last_rotated_at, next_rotation_at,"
                + " owning_service, secret_type, resource_policy, primary_arn, revision) VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            s.accountId(),
            s.region(),
            s.name(),
            s.arn(),
            s.description(),
            s.kmsKeyId(),
            s.createdAt(),
            s.lastChangedAt(),
            s.lastAccessedDate(),
            s.deletionAt(),
            s.rotationEnabled(),
            s.rotationLambdaArn(),
            s.rotationRules(),
            s.lastRotatedAt(),
            s.nextRotationAt(),
            s.owningService(),
            s.type(),
            s.resourcePolicy(),
            s.primaryArn(),
            s.revision());
    SecretRecord saved = s.toBuilder().id(id).build();
    writeChildren(saved);
    if (changes != null) {
      changes.changed(saved, false);
    }
    return saved;
  }

  /**
   * Saves the metadata, tags, labels and replicas of an existing secret and bumps its revision.
   * Versions are inserted with {@link #insertVersion} and removed with {@link #deleteVersion}.
   *
   * <p>Tags, labels and replicas are compared with the stored rows and only what differs is
   * written: a PutSecretValue moves two labels, and rewriting every row of a secret on each write
   * would make writes cost more the more a secret carries. The comparison is with the database, not
   * with the record the caller started from, so a record built from an older load cannot undo
   * another change made in the same transaction. Versions that {@code s}'s labels point to but that
   * it does not carry (a label moved onto an unlabelled version) are read, so the saved record is
   * complete.
   */
  public SecretRecord update(SecretRecord s) {
    // The revision is incremented in SQL, not copied from the record, so that it only ever grows
    // even when other changes in this transaction bumped it already.
    long revision =
        sql.queryOne(
                "UPDATE secrets SET name = ?, arn = ?, description = ?, kms_key_id = ?,"
                    + " last_changed_at = ?, last_accessed_day = ?, deletion_at = ?,"
                    + " rotation_enabled = ?, rotation_lambda_arn = ?, rotation_rules = ?,"
                    + " last_rotated_at = ?, next_rotation_at = ?, owning_service = ?,"
                    + " secret_type = ?, resource_policy = ?, primary_arn = ?,"
                    + " revision = revision + 1 WHERE id = ? RETURNING revision",
                rs -> rs.getLong(1),
                s.name(),
                s.arn(),
                s.description(),
                s.kmsKeyId(),
                s.lastChangedAt(),
                s.lastAccessedDate(),
                s.deletionAt(),
                s.rotationEnabled(),
                s.rotationLambdaArn(),
                s.rotationRules(),
                s.lastRotatedAt(),
                s.nextRotationAt(),
                s.owningService(),
                s.type(),
                s.resourcePolicy(),
                s.primaryArn(),
                s.id())
            .orElseThrow(() -> new IllegalStateException("secret " + s.id() + " does not exist"));
    saveTags(s);
    saveStages(s);
    saveReplicas(s);
    SecretRecord.Builder b = s.toBuilder().revision(revision);
    for (String versionId : new LinkedHashSet<>(s.stages().values())) {
      if (s.labelledVersion(versionId).isEmpty()) {
        version(s.id(), versionId).ifPresent(b::withVersion);
      }
    }
    SecretRecord saved = b.build();
    if (changes != null) {
      changes.changed(saved, false);
    }
    return saved;
  }

  /** Records a read of the secret on {@code day} (day resolution, so at most one write a day). */
  public void recordAccess(long secretId, String versionId, LocalDate day) {
    sql.update(
        "UPDATE secrets SET last_accessed_day = ?, revision = revision + 1 WHERE id = ? AND"
            + " (last_accessed_day IS NULL OR last_accessed_day < ?)",
        day,
        secretId,
        day);
    int versions =
        sql.update(
            "UPDATE secret_versions SET last_accessed_day = ? WHERE secret_id = ? AND"
                + " version_id = ? AND (last_accessed_day IS NULL OR last_accessed_day < ?)",
            day,
            secretId,
            versionId,
            day);
    if (versions > 0) {
      bumpRevision(secretId);
    }
  }

  /** Marks a change to a secret's versions or values that {@link #update} does not cover. */
  private void bumpRevision(long secretId) {
    sql.update("UPDATE secrets SET revision = revision + 1 WHERE id = ?", secretId);
  }

  /** Permanently deletes a secret, its versions, labels, tags and replica entries. */
  public void delete(long secretId) {
    ChangeSink sink = changes;
    if (sink != null) {
      findById(secretId, false).ifPresent(s -> sink.changed(s, true));
    }
    sql.update("DELETE FROM secret_stages WHERE secret_id = ?", secretId);
    sql.update("DELETE FROM secret_tags WHERE secret_id = ?", secretId);
    sql.update("DELETE FROM secret_replicas WHERE secret_id = ?", secretId);
    sql.update("DELETE FROM secret_versions WHERE secret_id = ?", secretId);
    sql.update("DELETE FROM secrets WHERE id = ?", secretId);
  }

  public void insertVersion(long secretId, VersionRecord v, Optional<StoredValue> value) {
    sql.update(
        "INSERT INTO secret_versions (secret_id, version_id, created_at, last_accessed_day,"
            + " kms_key_arn, value_type, value_blob) VALUES (?, ?, ?, ?, ?, ?, ?)",
        secretId,
        v.versionId(),
        v.createdAt(),
        v.lastAccessedDate(),
        value.map(StoredValue::kmsKeyArn),
        (long) value.map(StoredValue::type).orElse(ValueType.NONE).ordinal(),
        value.map(StoredValue::blob));
    sql.update(
        "UPDATE secrets SET revision = revision + 1, version_count = version_count + 1 WHERE id ="
            + " ?",
        secretId);
  }

  /** Sets (or replaces, on re-encryption) the value of an existing version. */
  public void writeValue(long secretId, String versionId, StoredValue value) {
    sql.update(
        "UPDATE secret_versions SET kms_key_arn = ?, value_type = ?, value_blob = ? WHERE"
            + " secret_id = ? AND version_id = ?",
        value.kmsKeyArn(),
        (long) value.type().ordinal(),
        value.blob(),
        secretId,
        versionId);
    bumpRevision(secretId);
  }

  public void deleteVersion(long secretId, String versionId) {
    int deleted =
        sql.update(
            "DELETE FROM secret_versions WHERE secret_id = ? AND version_id = ?",
            secretId,
            versionId);
    sql.update(
        "UPDATE secrets SET revision = revision + 1, version_count = version_count - ? WHERE id ="
            + " ?",
        (long) deleted,
        secretId);
  }

  /** The protected value of a version, empty for a placeholder version or an unknown one. */
  public Optional<StoredValue> readValue(long secretId, String versionId) {
    return sql
        .query(
            "SELECT value_type, kms_key_arn, value_blob FROM secret_versions WHERE secret_id = ?"
                + " AND version_id = ?",
            rs -> {
              ValueType type = ValueType.fromCode(rs.getInt(1));
              String key = rs.getString(2);
              byte[] blob = rs.getBytes(3);
              return type == ValueType.NONE || key == null || blob == null
                  ? Optional.<StoredValue>empty()
                  : Optional.of(new StoredValue(type, key, blob));
            },
            secretId,
            versionId)
        .stream()
        .findFirst()
        .flatMap(o -> o);
  }

  /** Rewrites the tags when they differ from the stored ones (order included). */
  private void saveTags(SecretRecord s) {
    List<Tag> stored =
        sql.query(
            "SELECT tag_key, tag_value FROM secret_tags WHERE secret_id = ? ORDER BY position",
            rs -> new Tag(rs.getString(1), rs.getString(2)),
            s.id());
    if (!stored.equals(s.tags())) {
      sql.update("DELETE FROM secret_tags WHERE secret_id = ?", s.id());
      insertTags(s);
    }
  }

  /** Deletes, moves and adds only the labels that differ from the stored ones. */
  private void saveStages(SecretRecord s) {
    Map<String, String> stored = new HashMap<>();
    sql.query(
        "SELECT stage, version_id FROM secret_stages WHERE secret_id = ?",
        rs -> {
          stored.put(rs.getString(1), rs.getString(2));
          return 0;
        },
        s.id());
    for (String stage : stored.keySet()) {
      if (!s.stages().containsKey(stage)) {
        sql.update("DELETE FROM secret_stages WHERE secret_id = ? AND stage = ?", s.id(), stage);
      }
    }
    for (Map.Entry<String, String> e : s.stages().entrySet()) {
      String was = stored.get(e.getKey());
      if (was == null) {
        insertStage(s.id(), e.getKey(), e.getValue());
      } else if (!was.equals(e.getValue())) {
        sql.update(
            "UPDATE secret_stages SET version_id = ? WHERE secret_id = ? AND stage = ?",
            e.getValue(),
            s.id(),
            e.getKey());
      }
    }
  }

  /** Rewrites the replica list when it differs from the stored one. */
  private void saveReplicas(SecretRecord s) {
    List<ReplicaRecord> stored =
        sql.query(
            "SELECT region, kms_key_id, status, status_message FROM secret_replicas WHERE"
                + " secret_id = ? ORDER BY region",
            SecretRepository::mapReplica,
            s.id());
    if (!stored.equals(s.replicas())) {
      sql.update("DELETE FROM secret_replicas WHERE secret_id = ?", s.id());
      insertReplicas(s);
    }
  }

  private void writeChildren(SecretRecord s) {
    insertTags(s);
    for (Map.Entry<String, String> e : s.stages().entrySet()) {
      insertStage(s.id(), e.getKey(), e.getValue());
    }
    insertReplicas(s);
  }

  private void insertStage(long secretId, String stage, String versionId) {
    sql.update(
        "INSERT INTO secret_stages (secret_id, stage, version_id) VALUES (?, ?, ?)",
        secretId,
        stage,
        versionId);
  }

  private void insertTags(SecretRecord s) {
    int pos = 0;
    for (Tag t : s.tags()) {
      sql.update(
          "INSERT INTO secret_tags (secret_id, position, tag_key, tag_value) VALUES (?, ?, ?, ?)",
          s.id(),
          (long) pos++,
          t.key(),
          t.value());
    }
  }

  private void insertReplicas(SecretRecord s) {
    for (ReplicaRecord r : s.replicas()) {
      sql.update(
          "INSERT INTO secret_replicas (secret_id, region, kms_key_id, status, status_message)"
              + " VALUES (?, ?, ?, ?, ?)",
          s.id(),
          r.region(),
          r.kmsKeyId(),
          r.status(),
          r.statusMessage());
    }
  }

  private Optional<SecretRecord> loadOne(String where, boolean forUpdate, Object... args) {
    String lock = forUpdate && sql.dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
    List<SecretRecord.Builder> rows =
        sql.query(
            "SELECT " + SECRET_COLUMNS + " FROM secrets WHERE " + where + lock,
            SecretRepository::mapSecret,
            args);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    SecretRecord.Builder b = rows.get(0);
    long id = b.build().id();
    return Optional.of(withChildren(List.of(b), "s.id = ?", id).get(0));
  }

  private List<SecretRecord> loadMany(String where, String orderBy, Object... args) {
    List<SecretRecord.Builder> rows =
        sql.query(
            "SELECT " + SECRET_COLUMNS + " FROM secrets s WHERE " + where + " ORDER BY " + orderBy,
            SecretRepository::mapSecret,
            args);
    return rows.isEmpty() ? List.of() : withChildren(rows, where, args);
  }

  /**
   * Loads tags, labelled versions, labels and replicas for the given secrets with four queries.
   * Versions are reached through the labels (both tables are keyed by secret and version), so the
   * unlabelled ones are never read.
   */
  private List<SecretRecord> withChildren(
      List<SecretRecord.Builder> secrets, String where, Object... args) {
    Map<Long, List<Tag>> tags = new HashMap<>();
    Map<Long, List<VersionRecord>> versions = new HashMap<>();
    Map<Long, Map<String, String>> stages = new HashMap<>();
    Map<Long, List<ReplicaRecord>> replicas = new HashMap<>();
    String from = " FROM secrets s JOIN ";
    sql.query(
        "SELECT t.secret_id, t.tag_key, t.tag_value"
            + from
            + "secret_tags t ON t.secret_id = s.id WHERE "
            + where
            + " ORDER BY t.secret_id, t.position",
        rs -> {
          tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new Tag(rs.getString(2), rs.getString(3)));
          return 0;
        },
        args);
    sql.query(
        "SELECT DISTINCT "
            + VERSION_COLUMNS
            + from
            + "secret_stages g ON g.secret_id = s.id JOIN secret_versions v ON v.secret_id ="
            + " g.secret_id AND v.version_id = g.version_id WHERE "
            + where
            + " ORDER BY v.secret_id, v.created_at, v.version_id",
        rs -> {
          versions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(mapVersion(rs));
          return 0;
        },
        args);
    sql.query(
        "SELECT g.secret_id, g.stage, g.version_id"
            + from
            + "secret_stages g ON g.secret_id = s.id WHERE "
            + where
            + " ORDER BY g.secret_id, g.stage",
        rs -> {
          stages
              .computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
              .put(rs.getString(2), rs.getString(3));
          return 0;
        },
        args);
    sql.query(
        "SELECT r.secret_id, r.region, r.kms_key_id, r.status, r.status_message"
            + from
            + "secret_replicas r ON r.secret_id = s.id WHERE "
            + where
            + " ORDER BY r.secret_id, r.region",
        rs -> {
          replicas.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(mapReplica(rs));
          return 0;
        },
        args);
    List<SecretRecord> out = new ArrayList<>(secrets.size());
    for (SecretRecord.Builder b : secrets) {
      long id = b.build().id();
      out.add(
          b.tags(tags.getOrDefault(id, List.of()))
              .labelledVersions(versions.getOrDefault(id, List.of()))
              .stages(stages.getOrDefault(id, Map.of()))
              .replicas(replicas.getOrDefault(id, List.of()))
              .build());
    }
    return out;
  }

  private static VersionRecord mapVersion(ResultSet rs) throws SQLException {
    return new VersionRecord(
        rs.getString("version_id"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Sql.optDay(rs, "last_accessed_day"),
        Sql.optString(rs, "kms_key_arn"),
        ValueType.fromCode(rs.getInt("value_type")));
  }

  private static ReplicaRecord mapReplica(ResultSet rs) throws SQLException {
    return new ReplicaRecord(
        rs.getString("region"),
        Sql.optString(rs, "kms_key_id"),
        rs.getString("status"),
        Sql.optString(rs, "status_message"));
  }

  private static SecretRecord.Builder mapSecret(ResultSet rs) throws SQLException {
    return SecretRecord.builder()
        .id(rs.getLong("id"))
        .accountId(rs.getString("account_id"))
        .region(rs.getString("region"))
        .name(rs.getString("name"))
        .arn(rs.getString("arn"))
        .description(Sql.optString(rs, "description"))
        .kmsKeyId(Sql.optString(rs, "kms_key_id"))
        .createdAt(Instant.ofEpochMilli(rs.getLong("created_at")))
        .lastChangedAt(Instant.ofEpochMilli(rs.getLong("last_changed_at")))
        .lastAccessedDate(Sql.optDay(rs, "last_accessed_day"))
        .deletionAt(Sql.optInstant(rs, "deletion_at"))
        .rotationEnabled(Sql.optBool(rs, "rotation_enabled"))
        .rotationLambdaArn(Sql.optString(rs, "rotation_lambda_arn"))
        .rotationRules(Sql.optString(rs, "rotation_rules"))
        .lastRotatedAt(Sql.optInstant(rs, "last_rotated_at"))
        .nextRotationAt(Sql.optInstant(rs, "next_rotation_at"))
        .owningService(Sql.optString(rs, "owning_service"))
        .type(Sql.optString(rs, "secret_type"))
        .resourcePolicy(Sql.optString(rs, "resource_policy"))
        .primaryArn(Sql.optString(rs, "primary_arn"))
        .revision(rs.getLong("revision"));
  }
}
