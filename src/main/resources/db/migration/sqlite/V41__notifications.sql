-- Compliance-change notifications waiting for delivery (a transactional outbox): a row is written
-- in the transaction that records the evaluation result, one per configured endpoint, and is
-- marked delivered only once the endpoint answered 2xx, so no notification is lost on a restart
-- and each is delivered at least once. Times are epoch milliseconds.
CREATE TABLE notification_outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint        TEXT    NOT NULL,
  message_id      TEXT    NOT NULL,
  topic_arn       TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  message         TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  delivered_at    INTEGER
);
CREATE INDEX notification_outbox_due ON notification_outbox (delivered_at, next_attempt_at);

-- The RSA key that signs notifications, with its self-signed certificate (DER); the private half
-- is sealed under the root key.
CREATE TABLE notification_signing_keys (
  fingerprint        TEXT    PRIMARY KEY,
  certificate        BLOB    NOT NULL,
  sealed_private_key BLOB    NOT NULL,
  created_at         INTEGER NOT NULL
);
