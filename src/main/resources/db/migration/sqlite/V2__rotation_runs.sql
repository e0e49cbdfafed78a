-- The latest rotation run of each secret, as the rotation runner reported it: which version it
-- was making, whether it is running, succeeded, failed (and at which step, why) or was cancelled,
-- and how many runs in a row have failed. A scheduler reads it to retry failed rotations.
-- Times are epoch milliseconds.
CREATE TABLE secret_rotation_runs (
  secret_id   INTEGER PRIMARY KEY REFERENCES secrets (id) ON DELETE CASCADE,
  version_id  TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  failed_step TEXT,
  message     TEXT,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER,
  failures    INTEGER NOT NULL
);
CREATE INDEX secret_rotation_runs_status ON secret_rotation_runs (status);
