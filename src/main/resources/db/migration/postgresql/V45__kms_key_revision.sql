-- A counter on each KMS key that every change to the key (state, policy, tags, rotation, material
-- version) increments, so that a server can keep the key's record in memory and confirm with one
-- primary-key lookup that it is still current, as it does for secrets (secrets.revision).
ALTER TABLE kms_keys ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
