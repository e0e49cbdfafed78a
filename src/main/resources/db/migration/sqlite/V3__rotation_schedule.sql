-- Scheduled rotation (RotationScheduler): which run the scheduler started, when a failed run is
-- retried, which node holds the lease on a run (so that among several nodes sharing this database
-- exactly one runs it; a lease that has expired, because its node died, may be taken over), and
-- whether a scheduled rotation was missed (RotationOccurringAsScheduled = false until the next
-- success). Times are epoch milliseconds.
ALTER TABLE secret_rotation_runs ADD COLUMN scheduled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE secret_rotation_runs ADD COLUMN next_attempt_at INTEGER;
ALTER TABLE secret_rotation_runs ADD COLUMN lease_owner TEXT;
ALTER TABLE secret_rotation_runs ADD COLUMN lease_until INTEGER;
ALTER TABLE secret_rotation_runs ADD COLUMN schedule_missed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX secrets_next_rotation ON secrets (next_rotation_at);
