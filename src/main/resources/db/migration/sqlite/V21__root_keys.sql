-- Root key generations, each sealed by the configured seal (key file, passphrase, Shamir shares or
-- a PKCS#11 token); never stored in clear. New wraps use the active generation; older ones stay
-- readable until rotate-root has re-wrapped everything under the new one. Times are epoch ms.
CREATE TABLE root_keys (
  generation INTEGER PRIMARY KEY,
  sealed     BLOB    NOT NULL,
  seal_type  TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  active     INTEGER NOT NULL
);

-- Which root generation wraps each KMS key material version (material from before generations
-- is under generation 1, the adopted key of the old root.key file).
ALTER TABLE kms_key_material ADD COLUMN root_generation INTEGER NOT NULL DEFAULT 1;
CREATE INDEX kms_key_material_root ON kms_key_material (root_generation);
