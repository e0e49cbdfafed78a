package dev.coffer.store;

import dev.coffer.store.ComplianceRecords.AggregatorRow;
import dev.coffer.store.ComplianceRecords.ItemRow;
import dev.coffer.store.ComplianceRecords.ResultFilter;
import dev.coffer.store.ComplianceRecords.ResultRow;
import dev.coffer.store.ComplianceRecords.RuleResultRow;
import dev.coffer.store.ComplianceRecords.RuleRow;
import dev.coffer.store.ComplianceRecords.SecretRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The compliance tables (V40): configuration items, rules, results, jobs and aggregators. */
public final class ComplianceRepository {
  private static final String ITEM_COLUMNS =
      "account_id, region, resource_id, resource_name, status, capture_time, resource_created_at,"
          + " description, kms_key_id, rotation_enabled, rotation_lambda_arn, rotation_rules,"
          + " rotation_occurring_as_scheduled, deleted, tags";
  private static final String RULE_COLUMNS =
      "arn, account_id, region, name, rule_id, description, source_identifier, input_parameters,"
          + " maximum_execution_frequency, scope_resource_types, scope_tag_key, scope_tag_value,"
          + " scope_resource_id, created_at";
  private static final String RESULT_COLUMNS =
      "account_id, region, rule_name, resource_type, resource_id, compliance_type, annotation,"
          + " ordering_timestamp, recorded_at, invoked_at";

  /**
   * The PostgreSQL types of a current result's columns (rule_arn, resource_id, then the rest as in
   * {@link #RESULT_COLUMNS} but resource_id); without the first, those of a history row.
   */
  private static final List<String> RESULT_TYPES =
      List.of(
          "text", "text", "text", "text", "text", "text", "text", "text", "bigint", "bigint",
          "bigint");

  /** What {@link #secret(ResultSet)} reads: a secret and its rotation run, if any. */
  private static final String SECRET_SELECT =
      "SELECT s.id, s.account_id, s.region, s.arn, s.name, s.description, s.kms_key_id,"
          + " s.created_at, s.last_accessed_day, s.deletion_at, s.rotation_enabled,"
          + " s.rotation_lambda_arn, s.rotation_rules, s.last_rotated_at, s.next_rotation_at,"
          + " s.resource_policy, s.primary_arn, r.schedule_missed"
          + " FROM secrets s LEFT JOIN secret_rotation_runs r ON r.secret_id = s.id";

  /**
   * Bounds the number of parameters of one IN list: a page of secrets (1,000) takes one query, well
   * under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
   */
  private static final int IN_BATCH = 1000;

  private final Sql sql;

  ComplianceRepository(Sql sql) {
    this.sql = sql;
  }

  // ---- configuration items ----

  public Optional<ItemRow> latestItem(String resourceId) {
    return sql.queryOne(
        "SELECT "
            + prefixed("i.", ITEM_COLUMNS)
            + " FROM config_item_heads h JOIN config_items i ON i.id = h.item_id"
            + " WHERE h.resource_id = ?",
        ComplianceRepository::item,
        resourceId);
  }

  public Map<String, ItemRow> latestItems(Collection<String> resourceIds) {
    Map<String, ItemRow> out = new HashMap<>();
    for (List<String> part : batches(resourceIds)) {
      for (ItemRow r :
          sql.query(
              "SELECT "
                  + prefixed("i.", ITEM_COLUMNS)
                  + " FROM config_item_heads h JOIN config_items i ON i.id = h.item_id"
                  + " WHERE h.resource_id IN ("
                  + marks(part.size())
                  + ")",
              ComplianceRepository::item,
              part.toArray())) {
        out.put(r.resourceId(), r);
      }
    }
    return out;
  }

  /** Appends {@code r} and makes it its resource's latest item. */
  public void addItem(ItemRow r) {
    addItems(List.of(r));
  }

  /**
   * Appends {@code rows} and makes each its resource's latest item (the last one of a resource when
   * it appears more than once), in a few multi-row statements.
   */
  public void addItems(List<ItemRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<Object[]> values = new ArrayList<>(rows.size());
    for (ItemRow r : rows) {
      values.add(
          new Object[] {
            r.accountId(),
            r.region(),
            r.resourceId(),
            r.resourceName(),
            r.status(),
            r.captureTime(),
            r.resourceCreatedAt(),
            r.description(),
            r.kmsKeyId(),
            r.rotationEnabled(),
            r.rotationLambdaArn(),
            r.rotationRules(),
            r.rotationOccurringAsScheduled(),
            r.deleted(),
            r.tags()
          });
    }
    // RETURNING gives no order to rely on, so each id comes back with its resource; of two items
    // of one resource the later insert has the larger id.
    Map<String, Long> heads = new LinkedHashMap<>();
    sql.insertRows(
        "INSERT INTO config_items (" + ITEM_COLUMNS + ")",
        15,
        " RETURNING id, resource_id",
        values,
        rs -> heads.merge(rs.getString(2), rs.getLong(1), Math::max));
    List<Object[]> headRows = new ArrayList<>(heads.size());
    heads.forEach((resource, id) -> headRows.add(new Object[] {resource, id}));
    sql.insertRows(
        "INSERT INTO config_item_heads (resource_id, item_id)",
        2,
        " ON CONFLICT (resource_id) DO UPDATE SET item_id = excluded.item_id",
        headRows,
        null);
  }

  public List<ItemRow> items(
      String resourceId, Instant earlier, Instant later, boolean forward, int offset, int limit) {
    return sql.query(
        "SELECT "
            + ITEM_COLUMNS
            + " FROM config_items WHERE resource_id = ? AND capture_time >= ? AND capture_time <= ?"
            + " ORDER BY capture_time "
            + (forward ? "ASC, id ASC" : "DESC, id DESC")
            + " LIMIT ? OFFSET ?",
        ComplianceRepository::item,
        resourceId,
        earlier,
        later,
        limit,
        offset);
  }

  // ---- rules ----

  public List<RuleRow> rules(Optional<String> accountId, Optional<String> region) {
    List<Object> args = new ArrayList<>();
    String where = where(args, "account_id", accountId) + where(args, "region", region);
    return sql.query(
        "SELECT "
            + RULE_COLUMNS
            + " FROM config_rules WHERE 1 = 1"
            + where
            + " ORDER BY account_id, region, name",
        ComplianceRepository::rule,
        args.toArray());
  }

  public Optional<RuleRow> rule(String accountId, String region, String name) {
    return sql.queryOne(
        "SELECT "
            + RULE_COLUMNS
            + " FROM config_rules WHERE account_id = ? AND region = ? AND name = ?",
        ComplianceRepository::rule,
        accountId,
        region,
        name);
  }

  /** Inserts the rule or updates the one with its ARN. */
  public void saveRule(RuleRow r) {
    sql.update(
        "INSERT INTO config_rules ("
            + RULE_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (arn) DO UPDATE SET"
            + " description = excluded.description, source_identifier ="
            + " excluded.source_identifier, input_parameters = excluded.input_parameters,"
            + " maximum_execution_frequency = excluded.maximum_execution_frequency,"
            + " scope_resource_types = excluded.scope_resource_types, scope_tag_key ="
            + " excluded.scope_tag_key, scope_tag_value = excluded.scope_tag_value,"
            + " scope_resource_id = excluded.scope_resource_id",
        r.arn(),
        r.accountId(),
        r.region(),
        r.name(),
        r.ruleId(),
        r.description(),
        r.sourceIdentifier(),
        r.inputParameters(),
        r.maximumExecutionFrequency(),
        r.scopeResourceTypes(),
        r.scopeTagKey(),
        r.scopeTagValue(),
        r.scopeResourceId(),
        r.createdAt());
  }

  /** Deletes the rule, its current results and its job; false if there was none. */
  public boolean deleteRule(String accountId, String region, String name) {
    Optional<RuleRow> r = rule(accountId, region, name);
    if (r.isEmpty()) {
      return false;
    }
    sql.update("DELETE FROM config_evaluations WHERE rule_arn = ?", r.get().arn());
    sql.update("DELETE FROM compliance_jobs WHERE name = ?", r.get().arn());
    sql.update("DELETE FROM config_rules WHERE arn = ?", r.get().arn());
    return true;
  }

  // ---- results ----

  public Map<String, ResultRow> currentResults(String ruleArn, Collection<String> resourceIds) {
    Map<String, ResultRow> out = new HashMap<>();
    for (List<String> part : batches(resourceIds)) {
      List<Object> args = new ArrayList<>();
      args.add(ruleArn);
      args.addAll(part);
      for (ResultRow r :
          sql.query(
              "SELECT "
                  + RESULT_COLUMNS
                  + " FROM config_evaluations WHERE rule_arn = ? AND resource_id IN ("
                  + marks(part.size())
                  + ")",
              ComplianceRepository::result,
              args.toArray())) {
        out.put(r.resourceId(), r);
      }
    }
    return out;
  }

  /**
   * The current results of each rule of {@code ruleArns} for each of {@code resourceIds}, by rule
   * ARN and then resource id, in one query per thousand resources.
   */
  public Map<String, Map<String, ResultRow>> currentResults(
      Collection<String> ruleArns, Collection<String> resourceIds) {
    Map<String, Map<String, ResultRow>> out = new HashMap<>();
    if (ruleArns.isEmpty()) {
      return out;
    }
    for (List<String> part : batches(resourceIds)) {
      List<Object> args = new ArrayList<>(ruleArns);
      args.addAll(part);
      sql.query(
          "SELECT rule_arn, "
              + RESULT_COLUMNS
              + " FROM config_evaluations WHERE rule_arn IN ("
              + marks(ruleArns.size())
              + ") AND resource_id IN ("
              + marks(part.size())
              + ")",
          rs -> {
            ResultRow r = result(rs);
            out.computeIfAbsent(rs.getString("rule_arn"), k -> new HashMap<>())
                .put(r.resourceId(), r);
            return Boolean.TRUE;
          },
          args.toArray());
    }
    return out;
  }

  /** Upserts {@code results} as the rule's current results and appends {@code history}. */
  public void saveResults(String ruleArn, List<ResultRow> results, List<ResultRow> history) {
    saveResults(results.stream().map(r -> new RuleResultRow(ruleArn, r)).toList(), history);
  }

  /**
   * Upserts {@code results} as current results of their rules (the last one wins when a rule and
   * resource appear twice: one statement may not update a row twice) and appends {@code history},
   * in a few multi-row statements.
   */
  public void saveResults(List<RuleResultRow> results, List<ResultRow> history) {
    Map<List<String>, RuleResultRow> unique = new LinkedHashMap<>();
    for (RuleResultRow r : results) {
      unique.put(List.of(r.ruleArn(), r.row().resourceId()), r);
    }
    List<Object[]> current = new ArrayList<>(unique.size());
    for (RuleResultRow rr : unique.values()) {
      ResultRow r = rr.row();
      current.add(
          new Object[] {
            rr.ruleArn(),
            r.resourceId(),
            r.accountId(),
            r.region(),
            r.ruleName(),
            r.resourceType(),
            r.complianceType(),
            r.annotation(),
            r.orderingTimestamp(),
            r.recordedAt(),
            r.invokedAt()
          });
    }
    sql.insertColumns(
        "INSERT INTO config_evaluations (rule_arn, resource_id, account_id, region, rule_name,"
            + " resource_type, compliance_type, annotation, ordering_timestamp, recorded_at,"
            + " invoked_at)",
        RESULT_TYPES,
        " ON CONFLICT (rule_arn, resource_id) DO UPDATE SET compliance_type ="
            + " excluded.compliance_type, annotation = excluded.annotation, ordering_timestamp ="
            + " excluded.ordering_timestamp, recorded_at = excluded.recorded_at, invoked_at ="
            + " excluded.invoked_at",
        current);
    List<Object[]> past = new ArrayList<>();
    for (ResultRow r : history) {
      past.add(
          new Object[] {
            r.accountId(),
            r.region(),
            r.ruleName(),
            r.resourceType(),
            r.resourceId(),
            r.complianceType(),
            r.annotation(),
            r.orderingTimestamp(),
            r.recordedAt(),
            r.invokedAt()
          });
    }
    sql.insertColumns(
        "INSERT INTO config_evaluation_history (" + RESULT_COLUMNS + ")",
        RESULT_TYPES.subList(1, RESULT_TYPES.size()),
        "",
        past);
  }

  public List<ResultRow> currentResults(ResultFilter f, int offset, int limit) {
    List<Object> args = new ArrayList<>();
    String where = filter(args, f);
    args.add(limit);
    args.add(offset);
    return sql.query(
        "SELECT "
            + RESULT_COLUMNS
            + " FROM config_evaluations WHERE 1 = 1"
            + where
            + " ORDER BY account_id, region, rule_name, resource_id LIMIT ? OFFSET ?",
        ComplianceRepository::result,
        args.toArray());
  }

  public List<ResultRow> history(ResultFilter f, Instant from, Instant to) {
    List<Object> args = new ArrayList<>();
    String where = filter(args, f);
    args.add(from);
    args.add(to);
    return sql.query(
        "SELECT "
            + RESULT_COLUMNS
            + " FROM config_evaluation_history WHERE 1 = 1"
            + where
            + " AND recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at, id",
        ComplianceRepository::result,
        args.toArray());
  }

  // ---- jobs ----

  public Optional<Instant> nextRun(String name) {
    return sql.queryOne(
        "SELECT next_run_at FROM compliance_jobs WHERE name = ?",
        rs -> Instant.ofEpochMilli(rs.getLong(1)),
        name);
  }

  /** Compare-and-set of a job's next run; true if this call moved it. */
  public boolean claimRun(String name, Optional<Instant> expected, Instant next) {
    if (expected.isEmpty()) {
      return sql.update(
              "INSERT INTO compliance_jobs (name, next_run_at) VALUES (?, ?)"
                  + " ON CONFLICT (name) DO NOTHING",
              name,
              next)
          == 1;
    }
    return sql.update(
            "UPDATE compliance_jobs SET next_run_at = ? WHERE name = ? AND next_run_at = ?",
            next,
            name,
            expected.get())
        == 1;
  }

  public void scheduleRun(String name, Instant at) {
    sql.update(
        "INSERT INTO compliance_jobs (name, next_run_at) VALUES (?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET next_run_at = excluded.next_run_at",
        name,
        at);
  }

  // ---- aggregators ----

  public void saveAggregator(AggregatorRow a) {
    sql.update(
        "INSERT INTO config_aggregators (account_id, region, name, arn, account_ids, all_regions,"
            + " regions, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (account_id, region, name) DO UPDATE SET account_ids ="
            + " excluded.account_ids, all_regions = excluded.all_regions, regions ="
            + " excluded.regions, updated_at = excluded.updated_at",
        a.accountId(),
        a.region(),
        a.name(),
        a.arn(),
        a.accountIds(),
        a.allRegions(),
        a.regions(),
        a.createdAt(),
        a.updatedAt());
  }

  public List<AggregatorRow> aggregators(String accountId, String region, Optional<String> name) {
    List<Object> args = new ArrayList<>(List.of(accountId, region));
    String where = where(args, "name", name);
    return sql.query(
        "SELECT account_id, region, name, arn, account_ids, all_regions, regions, created_at,"
            + " updated_at FROM config_aggregators WHERE account_id = ? AND region = ?"
            + where
            + " ORDER BY name",
        rs ->
            new AggregatorRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6) != 0,
                rs.getString(7),
                Instant.ofEpochMilli(rs.getLong(8)),
                Instant.ofEpochMilli(rs.getLong(9))),
        args.toArray());
  }

  public boolean deleteAggregator(String accountId, String region, String name) {
    return sql.update(
            "DELETE FROM config_aggregators WHERE account_id = ? AND region = ? AND name = ?",
            accountId,
            region,
            name)
        > 0;
  }

  // ---- the secrets evaluated ----

  /**
   * Up to {@code limit} secrets with a row id above {@code afterId}, in id order, of one account
   * and region or of all.
   */
  public List<SecretRow> secrets(
      Optional<String> accountId, Optional<String> region, long afterId, int limit) {
    List<Object> args = new ArrayList<>();
    args.add(afterId);
    String where = where(args, "s.account_id", accountId) + where(args, "s.region", region);
    args.add(limit);
    List<SecretRow> rows =
        sql.query(
            SECRET_SELECT + " WHERE s.id > ?" + where + " ORDER BY s.id LIMIT ?",
            ComplianceRepository::secret,
            args.toArray());
    return withTags(rows);
  }

  public Optional<SecretRow> secret(String arn) {
    List<SecretRow> rows =
        sql.query(SECRET_SELECT + " WHERE s.arn = ?", ComplianceRepository::secret, arn);
    return withTags(rows).stream().findFirst();
  }

  private List<SecretRow> withTags(List<SecretRow> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    long first = rows.get(0).id();
    long last = rows.get(rows.size() - 1).id();
    Map<Long, List<Tag>> tags = new LinkedHashMap<>();
    sql.query(
        "SELECT secret_id, tag_key, tag_value FROM secret_tags WHERE secret_id >= ? AND"
            + " secret_id <= ? ORDER BY secret_id, position",
        rs -> {
          tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new Tag(rs.getString(2), rs.getString(3)));
          return Boolean.TRUE;
        },
        first,
        last);
    List<SecretRow> out = new ArrayList<>(rows.size());
    for (SecretRow r : rows) {
      List<Tag> t = tags.get(r.id());
      out.add(t == null ? r : r.withTags(t));
    }
    return out;
  }

  // ---- mapping ----

  private static String filter(List<Object> args, ResultFilter f) {
    StringBuilder b = new StringBuilder();
    b.append(where(args, "account_id", f.accountId()));
    b.append(where(args, "region", f.region()));
    b.append(where(args, "rule_name", f.ruleName()));
    b.append(where(args, "resource_id", f.resourceId()));
    if (!f.complianceTypes().isEmpty()) {
      b.append(" AND compliance_type IN (").append(marks(f.complianceTypes().size())).append(')');
      args.addAll(f.complianceTypes());
    }
    return b.toString();
  }

  private static String where(List<Object> args, String column, Optional<String> value) {
    if (value.isEmpty()) {
      return "";
    }
    args.add(value.get());
    return " AND " + column + " = ?";
  }

  /** {@code ids} in order, cut into lists of at most {@link #IN_BATCH} for one IN list each. */
  private static List<List<String>> batches(Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    List<List<String>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += IN_BATCH) {
      out.add(all.subList(from, Math.min(all.size(), from + IN_BATCH)));
    }
    return out;
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private static String prefixed(String prefix, String columns) {
    return prefix + columns.replace(", ", ", " + prefix);
  }

  private static ItemRow item(ResultSet rs) throws SQLException {
    return new ItemRow(
        rs.getString("account_id"),
        rs.getString("region"),
        rs.getString("resource_id"),
        rs.getString("resource_name"),
        rs.getString("status"),
        Instant.ofEpochMilli(rs.getLong("capture_time")),
        Instant.ofEpochMilli(rs.getLong("resource_created_at")),
        Sql.optString(rs, "description"),
        Sql.optString(rs, "kms_key_id"),
        rs.getLong("rotation_enabled") != 0,
        Sql.optString(rs, "rotation_lambda_arn"),
        Sql.optString(rs, "rotation_rules"),
        Sql.optBool(rs, "rotation_occurring_as_scheduled"),
        rs.getLong("deleted") != 0,
        rs.getString("tags"));
  }

  private static RuleRow rule(ResultSet rs) throws SQLException {
    return new RuleRow(
        rs.getString("arn"),
        rs.getString("account_id"),
        rs.getString("region"),
        rs.getString("name"),
        rs.getString("rule_id"),
        Sql.optString(rs, "description"),
        rs.getString("source_identifier"),
        rs.getString("input_parameters"),
        Sql.optString(rs, "maximum_execution_frequency"),
        rs.getString("scope_resource_types"),
        Sql.optString(rs, "scope_tag_key"),
        Sql.optString(rs, "scope_tag_value"),
        Sql.optString(rs, "scope_resource_id"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static ResultRow result(ResultSet rs) throws SQLException {
    return new ResultRow(
        rs.getString("account_id"),
        rs.getString("region"),
        rs.getString("rule_name"),
        rs.getString("resource_type"),
        rs.getString("resource_id"),
        rs.getString("compliance_type"),
        Sql.optString(rs, "annotation"),
        Instant.ofEpochMilli(rs.getLong("ordering_timestamp")),
        Instant.ofEpochMilli(rs.getLong("recorded_at")),
        Instant.ofEpochMilli(rs.getLong("invoked_at")));
  }

  private static SecretRow secret(ResultSet rs) throws SQLException {
    return new SecretRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        Optional.ofNullable(rs.getString(6)),
        Optional.ofNullable(rs.getString(7)),
        Instant.ofEpochMilli(rs.getLong(8)),
        Sql.optDay(rs, "last_accessed_day"),
        Sql.optInstant(rs, "deletion_at"),
        Sql.optBool(rs, "rotation_enabled").orElse(false),
        Sql.optString(rs, "rotation_lambda_arn"),
        Sql.optString(rs, "rotation_rules"),
        Sql.optInstant(rs, "last_rotated_at"),
        Sql.optInstant(rs, "next_rotation_at"),
        Sql.optString(rs, "resource_policy"),
        rs.getString(17) != null,
        Sql.optBool(rs, "schedule_missed").orElse(false),
        List.of());
  }
}
