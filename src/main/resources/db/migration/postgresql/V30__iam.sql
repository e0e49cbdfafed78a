-- Identities (IAM and STS): accounts, users, groups, roles, policies, access keys and sessions.
-- Names are unique per account without regard to case, as IAM treats them: name_key is the
-- lower-cased name. Times are epoch milliseconds. Access-key secrets and session credentials are
-- stored only sealed under the envelope (secret_key_arn names the KMS key, secret_blob the blob).
CREATE TABLE iam_accounts (
  account_id TEXT    PRIMARY KEY,
  created_at BIGINT NOT NULL
);

CREATE TABLE iam_users (
  account_id TEXT    NOT NULL,
  name_key   TEXT    NOT NULL,
  user_name  TEXT    NOT NULL,
  user_id    TEXT    NOT NULL UNIQUE,
  path       TEXT    NOT NULL,
  arn        TEXT    NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, name_key)
);

CREATE TABLE iam_groups (
  account_id TEXT    NOT NULL,
  name_key   TEXT    NOT NULL,
  group_name TEXT    NOT NULL,
  group_id   TEXT    NOT NULL UNIQUE,
  path       TEXT    NOT NULL,
  arn        TEXT    NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, name_key)
);

CREATE TABLE iam_group_members (
  account_id TEXT NOT NULL,
  group_key  TEXT NOT NULL,
  user_key   TEXT NOT NULL,
  PRIMARY KEY (account_id, group_key, user_key)
);
CREATE INDEX iam_group_members_user ON iam_group_members (account_id, user_key);

CREATE TABLE iam_roles (
  account_id          TEXT    NOT NULL,
  name_key            TEXT    NOT NULL,
  role_name           TEXT    NOT NULL,
  role_id             TEXT    NOT NULL UNIQUE,
  path                TEXT    NOT NULL,
  arn                 TEXT    NOT NULL,
  description         TEXT    NOT NULL,
  trust_policy        TEXT    NOT NULL,
  max_session_seconds BIGINT NOT NULL,
  created_at          BIGINT NOT NULL,
  PRIMARY KEY (account_id, name_key)
);

-- Inline policies of users, groups and roles (owner_type: user, group, role).
CREATE TABLE iam_inline_policies (
  account_id  TEXT NOT NULL,
  owner_type  TEXT NOT NULL,
  owner_key   TEXT NOT NULL,
  policy_name TEXT NOT NULL,
  document    TEXT NOT NULL,
  PRIMARY KEY (account_id, owner_type, owner_key, policy_name)
);

CREATE TABLE iam_managed_policies (
  arn             TEXT    PRIMARY KEY,
  account_id      TEXT    NOT NULL,
  name_key        TEXT    NOT NULL,
  policy_name     TEXT    NOT NULL,
  policy_id       TEXT    NOT NULL UNIQUE,
  path            TEXT    NOT NULL,
  description     TEXT    NOT NULL,
  default_version TEXT    NOT NULL,
  next_version    BIGINT NOT NULL,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  UNIQUE (account_id, name_key)
);

CREATE TABLE iam_policy_versions (
  policy_arn TEXT    NOT NULL REFERENCES iam_managed_policies (arn) ON DELETE CASCADE,
  version_id TEXT    NOT NULL,
  document   TEXT    NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (policy_arn, version_id)
);

CREATE TABLE iam_attachments (
  account_id TEXT    NOT NULL,
  owner_type TEXT    NOT NULL,
  owner_key  TEXT    NOT NULL,
  policy_arn TEXT    NOT NULL,
  attached_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, owner_type, owner_key, policy_arn)
);
CREATE INDEX iam_attachments_policy ON iam_attachments (policy_arn);

-- Long-term access keys; user_key is NULL for an account root's key.
CREATE TABLE iam_access_keys (
  access_key_id     TEXT    PRIMARY KEY,
  account_id        TEXT    NOT NULL,
  user_key          TEXT,
  status            TEXT    NOT NULL,
  secret_key_arn    TEXT    NOT NULL,
  secret_blob       BYTEA   NOT NULL,
  created_at        BIGINT NOT NULL,
  last_used_at      BIGINT,
  last_used_region  TEXT,
  last_used_service TEXT
);
CREATE INDEX iam_access_keys_user ON iam_access_keys (account_id, user_key);

-- Temporary credentials (AssumeRole, GetSessionToken); the blob seals the secret key and token.
CREATE TABLE iam_sessions (
  access_key_id  TEXT    PRIMARY KEY,
  account_id     TEXT    NOT NULL,
  secret_key_arn TEXT    NOT NULL,
  secret_blob    BYTEA   NOT NULL,
  created_at     BIGINT NOT NULL,
  expires_at     BIGINT NOT NULL,
  role_key       TEXT,
  session_name   TEXT,
  user_key       TEXT,
  session_tags   TEXT    NOT NULL,
  session_policy TEXT
);
CREATE INDEX iam_sessions_expiry ON iam_sessions (expires_at);

-- Tags of users and roles (owner_type: user, role).
CREATE TABLE iam_tags (
  account_id TEXT    NOT NULL,
  owner_type TEXT    NOT NULL,
  owner_key  TEXT    NOT NULL,
  tag_key    TEXT    NOT NULL,
  tag_value  TEXT    NOT NULL,
  position   BIGINT NOT NULL,
  PRIMARY KEY (account_id, owner_type, owner_key, tag_key)
);
