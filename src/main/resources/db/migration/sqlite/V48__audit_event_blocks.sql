-- Read events copied from the audit journal (a file-backed SQLite store's) are stored a block at a
-- time: one row holds a run of consecutive events in the journal's record encoding, instead of one
-- row each. A row per event cost the writer thread about 8 microseconds an event (the B-tree, the
-- index, binding fourteen columns); a block costs about a third of that.
--
-- keys lists, one per line between newlines, every account/region, event name, source, user, access
-- key, resource name and type, and read-only flag that occurs in the block, so that a lookup opens
-- only blocks that can hold a match. first_time and last_time bound the events' times (epoch ms).
-- Blocks never overlap each other or a row of audit_events.
CREATE TABLE audit_event_blocks (
  first_seq  INTEGER PRIMARY KEY,
  last_seq   INTEGER NOT NULL,
  first_time INTEGER NOT NULL,
  last_time  INTEGER NOT NULL,
  keys       TEXT    NOT NULL,
  events     BLOB    NOT NULL
);
CREATE UNIQUE INDEX audit_event_blocks_last ON audit_event_blocks (last_seq);
