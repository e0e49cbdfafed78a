-- Blocks of read events copied from SQLite's audit journal (see the SQLite migration of the same
-- number). PostgreSQL has no journal and stores each event as its own row; the table exists so that
-- both schemas have the same tables, and stays empty.
CREATE TABLE audit_event_blocks (
  first_seq  BIGINT PRIMARY KEY,
  last_seq   BIGINT NOT NULL,
  first_time BIGINT NOT NULL,
  last_time  BIGINT NOT NULL,
  keys       TEXT   NOT NULL,
  events     BYTEA  NOT NULL
);
CREATE UNIQUE INDEX audit_event_blocks_last ON audit_event_blocks (last_seq);
