-- Secrets, their versions, staging labels, tags and replicas. Times are epoch milliseconds,
-- day-resolution dates are epoch days.
CREATE TABLE secrets (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id          TEXT    NOT NULL,
  region              TEXT    NOT NULL,
  name                TEXT    NOT NULL,
  arn                 TEXT    NOT NULL UNIQUE,
  description         TEXT,
  kms_key_id          TEXT,
  created_at          BIGINT NOT NULL,
  last_changed_at     BIGINT NOT NULL,
  last_accessed_day   BIGINT,
  deletion_at         BIGINT,
  rotation_enabled    BIGINT,
  rotation_lambda_arn TEXT,
  rotation_rules      TEXT,
  last_rotated_at     BIGINT,
  next_rotation_at    BIGINT,
  owning_service      TEXT,
  secret_type         TEXT,
  resource_policy     TEXT,
  primary_arn         TEXT,
  revision            BIGINT NOT NULL,
  UNIQUE (account_id, region, name)
);
CREATE INDEX secrets_deletion ON secrets (deletion_at) WHERE deletion_at IS NOT NULL;
CREATE INDEX secrets_primary ON secrets (primary_arn) WHERE primary_arn IS NOT NULL;

CREATE TABLE secret_versions (
  secret_id         BIGINT NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
  version_id        TEXT    NOT NULL,
  created_at        BIGINT NOT NULL,
  last_accessed_day BIGINT,
  kms_key_arn       TEXT,
  value_type        BIGINT NOT NULL,
  value_blob        BYTEA,
  PRIMARY KEY (secret_id, version_id)
);

CREATE TABLE secret_stages (
  secret_id  BIGINT NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
  stage      TEXT    NOT NULL,
  version_id TEXT    NOT NULL,
  PRIMARY KEY (secret_id, stage)
);

CREATE TABLE secret_tags (
  secret_id BIGINT NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
  position  BIGINT NOT NULL,
  tag_key   TEXT    NOT NULL,
  tag_value TEXT    NOT NULL,
  PRIMARY KEY (secret_id, tag_key)
);

CREATE TABLE secret_replicas (
  secret_id      BIGINT NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
  region         TEXT    NOT NULL,
  kms_key_id     TEXT,
  status         TEXT    NOT NULL,
  status_message TEXT,
  PRIMARY KEY (secret_id, region)
);
