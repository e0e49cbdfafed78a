-- The audit trail: one row per recorded event, chained by hash in sequence order, and signed
-- digests that seal runs of events. Times are epoch milliseconds. audit_head is the single row that
-- allocates sequence numbers: updating it first in a transaction serializes event commits, so
-- sequence order is commit order and the numbers have no gaps.
CREATE TABLE audit_head (
  id                   INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq             INTEGER NOT NULL,
  last_hash            TEXT    NOT NULL,
  last_digest_seq      INTEGER NOT NULL,
  archived_digest_seq  INTEGER NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash, last_digest_seq, archived_digest_seq)
VALUES (1, 0, '', 0, 0);

CREATE TABLE audit_events (
  seq            INTEGER PRIMARY KEY,
  event_id       TEXT    NOT NULL,
  event_time     INTEGER NOT NULL,
  account_id     TEXT    NOT NULL,
  region         TEXT    NOT NULL,
  event_source   TEXT    NOT NULL,
  event_name     TEXT    NOT NULL,
  username       TEXT    NOT NULL,
  access_key_id  TEXT    NOT NULL,
  resource_names TEXT    NOT NULL,
  resource_types TEXT    NOT NULL,
  read_only      INTEGER NOT NULL,
  body           TEXT    NOT NULL,
  chain_hash     TEXT    NOT NULL
);
CREATE INDEX audit_events_account ON audit_events (account_id, region, seq);

CREATE TABLE audit_digests (
  digest_seq           INTEGER PRIMARY KEY,
  first_event_seq      INTEGER NOT NULL,
  last_event_seq       INTEGER NOT NULL,
  start_time           INTEGER NOT NULL,
  end_time             INTEGER NOT NULL,
  start_chain_hash     TEXT    NOT NULL,
  last_chain_hash      TEXT    NOT NULL,
  previous_digest_hash TEXT    NOT NULL,
  key_fingerprint      TEXT    NOT NULL,
  signature            TEXT    NOT NULL
);
CREATE INDEX audit_digests_end ON audit_digests (end_time);

CREATE TABLE audit_signing_keys (
  fingerprint        TEXT    PRIMARY KEY,
  public_key         TEXT    NOT NULL,
  sealed_private_key BLOB    NOT NULL,
  created_at         INTEGER NOT NULL
);
