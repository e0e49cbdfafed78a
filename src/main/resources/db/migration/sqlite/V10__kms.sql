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
  created_at           INTEGER NOT NULL,
  deletion_at          INTEGER,
  pending_window_days  INTEGER,
  rotation_enabled     INTEGER NOT NULL,
  rotation_period_days INTEGER,
  next_rotation_at     INTEGER,
  on_demand_rotations  INTEGER NOT NULL,
  current_version      INTEGER NOT NULL,
  policy               TEXT    NOT NULL
);
CREATE INDEX kms_keys_account ON kms_keys (account_id, region, created_at);
CREATE INDEX kms_keys_deletion ON kms_keys (deletion_at) WHERE deletion_at IS NOT NULL;
CREATE INDEX kms_keys_rotation ON kms_keys (next_rotation_at) WHERE next_rotation_at IS NOT NULL;

CREATE TABLE kms_key_material (
  key_id        TEXT    NOT NULL REFERENCES kms_keys (key_id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  material_id   TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  rotation_type TEXT,
  wrapped       BLOB    NOT NULL,
  PRIMARY KEY (key_id, version)
);

CREATE TABLE kms_aliases (
  account_id    TEXT    NOT NULL,
  region        TEXT    NOT NULL,
  alias_name    TEXT    NOT NULL,
  target_key_id TEXT    NOT NULL REFERENCES kms_keys (key_id) ON DELETE CASCADE,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (account_id, region, alias_name)
);
CREATE INDEX kms_aliases_target ON kms_aliases (target_key_id);

CREATE TABLE kms_key_tags (
  key_id    TEXT    NOT NULL REFERENCES kms_keys (key_id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  tag_key   TEXT    NOT NULL,
  tag_value TEXT    NOT NULL,
  PRIMARY KEY (key_id, tag_key)
);
