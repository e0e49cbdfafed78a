-- Compliance (AWS Config for secrets). Times are epoch milliseconds; booleans are 0/1.
-- Configuration items: one row per recorded state of a secret, never its value.
CREATE TABLE config_items (
  id                              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id                      TEXT    NOT NULL,
  region                          TEXT    NOT NULL,
  resource_id                     TEXT    NOT NULL,
  resource_name                   TEXT    NOT NULL,
  status                          TEXT    NOT NULL,
  capture_time                    BIGINT NOT NULL,
  resource_created_at             BIGINT NOT NULL,
  description                     TEXT,
  kms_key_id                      TEXT,
  rotation_enabled                BIGINT NOT NULL,
  rotation_lambda_arn             TEXT,
  rotation_rules                  TEXT,
  rotation_occurring_as_scheduled BIGINT,
  deleted                         BIGINT NOT NULL,
  tags                            TEXT    NOT NULL
);
CREATE INDEX config_items_resource ON config_items (resource_id, capture_time);

-- The latest item of each resource, so that a change is compared with one row.
CREATE TABLE config_item_heads (
  resource_id TEXT    PRIMARY KEY,
  item_id     BIGINT NOT NULL
);

-- Config rules (managed rules for Secrets Manager).
CREATE TABLE config_rules (
  arn                         TEXT    PRIMARY KEY,
  account_id                  TEXT    NOT NULL,
  region                      TEXT    NOT NULL,
  name                        TEXT    NOT NULL,
  rule_id                     TEXT    NOT NULL,
  description                 TEXT,
  source_identifier           TEXT    NOT NULL,
  input_parameters            TEXT    NOT NULL,
  maximum_execution_frequency TEXT,
  scope_resource_types        TEXT    NOT NULL,
  scope_tag_key               TEXT,
  scope_tag_value             TEXT,
  scope_resource_id           TEXT,
  created_at                  BIGINT NOT NULL,
  UNIQUE (account_id, region, name)
);

-- The current result of each rule for each resource.
CREATE TABLE config_evaluations (
  rule_arn           TEXT    NOT NULL REFERENCES config_rules (arn) ON DELETE CASCADE,
  resource_id        TEXT    NOT NULL,
  account_id         TEXT    NOT NULL,
  region             TEXT    NOT NULL,
  rule_name          TEXT    NOT NULL,
  resource_type      TEXT    NOT NULL,
  compliance_type    TEXT    NOT NULL,
  annotation         TEXT,
  ordering_timestamp BIGINT NOT NULL,
  recorded_at        BIGINT NOT NULL,
  invoked_at         BIGINT NOT NULL,
  PRIMARY KEY (rule_arn, resource_id)
);
CREATE INDEX config_evaluations_scope
  ON config_evaluations (account_id, region, rule_name, resource_id);
CREATE INDEX config_evaluations_resource ON config_evaluations (resource_id);

-- Every change of compliance type (and every first result): the compliance timeline. Kept when
-- the rule is deleted.
CREATE TABLE config_evaluation_history (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id         TEXT    NOT NULL,
  region             TEXT    NOT NULL,
  rule_name          TEXT    NOT NULL,
  resource_type      TEXT    NOT NULL,
  resource_id        TEXT    NOT NULL,
  compliance_type    TEXT    NOT NULL,
  annotation         TEXT,
  ordering_timestamp BIGINT NOT NULL,
  recorded_at        BIGINT NOT NULL,
  invoked_at         BIGINT NOT NULL
);
CREATE INDEX config_evaluation_history_time ON config_evaluation_history (recorded_at);

-- Periodic work (periodic rules, the recorder sweep): when each is due next. A node claims a round
-- by moving next_run_at with a compare-and-set UPDATE, so one node runs each round.
CREATE TABLE compliance_jobs (
  name        TEXT    PRIMARY KEY,
  next_run_at BIGINT NOT NULL
);

-- Account-based configuration aggregators.
CREATE TABLE config_aggregators (
  account_id  TEXT    NOT NULL,
  region      TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  arn         TEXT    NOT NULL,
  account_ids TEXT    NOT NULL,
  all_regions BIGINT NOT NULL,
  regions     TEXT    NOT NULL,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (account_id, region, name)
);
