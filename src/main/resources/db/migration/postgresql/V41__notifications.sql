-- Compliance-change notifications waiting for delivery (a transactional outbox): a row is written
-- in the transaction that records the evaluation result, one per configured endpoint, and is
-- marked delivered only once the endpoint answered 2xx, so no notification is lost on a restart
-- and each is delivered at least once. Times are epoch milliseconds.
CREATE TABLE notification_outbox (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint        TEXT    NOT NULL,
  message_id      TEXT    NOT NULL,
  topic_arn       TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  message         TEXT    NOT NULL,
  created_at      BIGINT  NOT NULL,
  attempts        BIGINT  NOT NULL,
  next_attempt_at BIGINT  NOT NULL,
  last_error      TEXT,
  delivered_at    BIGINT
);
CREATE INDEX notification_outbox_due ON notification_outbox (delivered_at, next_attempt_at);

-- The RSA key that signs notifications, with its self-signed certificate (DER); the private half
-- is sealed under the root key.
CREATE TABLE notification_signing_keys (
  fingerprint        TEXT    PRIMARY KEY,
  certificate        BYTEA   NOT NULL,
  sealed_private_key BYTEA   NOT NULL,
  created_at         BIGINT  NOT NULL
);
