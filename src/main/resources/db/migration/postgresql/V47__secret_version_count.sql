-- How many rows of secret_versions each secret has, kept by SecretRepository in the statement that
-- already bumps the secret's revision when it inserts or deletes a version. Housekeeping looks for
-- secrets with more than 100 versions every round; with the count on the secret row, and a partial
-- index holding only the secrets past that limit, the search reads those few rows instead of
-- grouping every version row of every secret.
ALTER TABLE secrets ADD COLUMN version_count BIGINT NOT NULL DEFAULT 0;
UPDATE secrets SET version_count =
  (SELECT COUNT(*) FROM secret_versions v WHERE v.secret_id = secrets.id);
CREATE INDEX secrets_many_versions ON secrets (id) WHERE version_count > 100;
