-- KMS keys, their key material (wrapped by the root key, never in clear), aliases and tags.
-- Times are epoch milliseconds.
CREATE TABLE kms_keys (
  key_id               TEXT    PRIMARY KEY,
  account_id           TEXT    NOT NULL,
  region               TEXT    NOT NULL,
  arn                  TEXT    NOT NULL UNIQUE,
  description          TEXT    NOT NULL,
  key_manager          TEXT    NOT NULL,
  key_state            TEXT    NOT NULL,
  created_at           BIGINT NOT NULL,
  deletion_at          BIGINT,
  pending_window_days  BIGINT,
  rotation_enabled     BIGINT NOT NULL,
  rotation_period_days BIGINT,
  next_rotation_at     BIGINT,
  on_demand_rotations  BIGINT NOT NULL,
  current_version      BIGINT NOT NULL,
  policy               TEXT    NOT NULL
);
CREATE INDEX kms_keys_account ON kms_keys (account_id, region, created_at);
CREATE INDEX kms_keys_deletion ON kms_keys (deletion_at) WHERE deletion_at IS NOT NULL;
CREATE INDEX kms_keys_rotation ON kms_keys (next_rotation_at) WHERE next_rotation_at IS NOT NULL;

CREATE TABLE kms_key_material (
  key_id        TEXT    NOT NULL REFERENCES kms_keys (key_id) ON DELETE CASCADE,
  version       BIGINT NOT NULL,
  material_id   TEXT    NOT NULL,
  created_at    BIGINT NOT NULL,
  rotation_type TEXT,
  wrapped       BYTEA   NOT NULL,
  PRIMARY KEY (key_id, version)
);

CREATE TABLE kms_aliases (
  account_id    TEXT    NOT NULL,
  region        TEXT    NOT NULL,
  alias_name    TEXT    NOT NULL,
  target_key_id TEXT    NOT NULL REFERENCES kms_keys (key_id) ON DELETE CASCADE,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  PRIMARY KEY (account_id, region, alias_name)
);
CREATE INDEX kms_aliases_target ON kms_aliases (target_key_id);

CREATE TABLE kms_key_tags (
  key_id    TEXT    NOT NULL REFERENCES kms_keys (key_id) ON DELETE CASCADE,
  position  BIGINT NOT NULL,
  tag_key   TEXT    NOT NULL,
  tag_value TEXT    NOT NULL,
  PRIMARY KEY (key_id, tag_key)
);
