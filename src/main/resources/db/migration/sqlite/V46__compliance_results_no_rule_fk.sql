-- A current result no longer references its rule with a foreign key (see the PostgreSQL migration
-- of the same number: the check cost a share of every first evaluation there, and DeleteConfigRule
-- deletes the rule's results itself). SQLite cannot drop a constraint, so the table is rebuilt with
-- the same columns, key and indexes.
CREATE TABLE config_evaluations_v46 (
  rule_arn           TEXT    NOT NULL,
  resource_id        TEXT    NOT NULL,
  account_id         TEXT    NOT NULL,
  region             TEXT    NOT NULL,
  rule_name          TEXT    NOT NULL,
  resource_type      TEXT    NOT NULL,
  compliance_type    TEXT    NOT NULL,
  annotation         TEXT,
  ordering_timestamp INTEGER NOT NULL,
  recorded_at        INTEGER NOT NULL,
  invoked_at         INTEGER NOT NULL,
  PRIMARY KEY (rule_arn, resource_id)
);
INSERT INTO config_evaluations_v46 (rule_arn, resource_id, account_id, region, rule_name,
    resource_type, compliance_type, annotation, ordering_timestamp, recorded_at, invoked_at)
  SELECT rule_arn, resource_id, account_id, region, rule_name, resource_type, compliance_type,
         annotation, ordering_timestamp, recorded_at, invoked_at
  FROM config_evaluations;
DROP TABLE config_evaluations;
ALTER TABLE config_evaluations_v46 RENAME TO config_evaluations;
CREATE INDEX config_evaluations_scope
  ON config_evaluations (account_id, region, rule_name, resource_id);
CREATE INDEX config_evaluations_resource ON config_evaluations (resource_id);
