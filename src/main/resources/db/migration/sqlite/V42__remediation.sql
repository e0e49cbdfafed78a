-- Remediation of AWS Config rules (PutRemediationConfigurations, StartRemediationExecution).
-- Times are epoch milliseconds. Configurations and executions are kept as JSON documents written
-- and read only by the compliance layer; the columns beside them are what queries select on.

-- One remediation configuration per rule.
CREATE TABLE remediation_configurations (
  account_id TEXT NOT NULL,
  region     TEXT NOT NULL,
  rule_name  TEXT NOT NULL,
  document   TEXT NOT NULL,
  PRIMARY KEY (account_id, region, rule_name)
);

-- Resources a rule must not remediate (PutRemediationExceptions), until expires_at if set.
CREATE TABLE remediation_exceptions (
  account_id    TEXT    NOT NULL,
  region        TEXT    NOT NULL,
  rule_name     TEXT    NOT NULL,
  resource_type TEXT    NOT NULL,
  resource_id   TEXT    NOT NULL,
  message       TEXT,
  expires_at    INTEGER,
  PRIMARY KEY (account_id, region, rule_name, resource_type, resource_id)
);

-- The latest remediation execution of each rule for each resource, and the durable queue of work:
-- a row whose next_attempt_at has come is run (queued, a retry that is due, or one whose runner
-- died and whose lease ran out); a node claims it by moving next_attempt_at (compare-and-set).
CREATE TABLE remediation_executions (
  account_id      TEXT    NOT NULL,
  region          TEXT    NOT NULL,
  rule_name       TEXT    NOT NULL,
  resource_type   TEXT    NOT NULL,
  resource_id     TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  next_attempt_at INTEGER,
  document        TEXT    NOT NULL,
  PRIMARY KEY (account_id, region, rule_name, resource_type, resource_id)
);
CREATE INDEX remediation_executions_due ON remediation_executions (next_attempt_at);
