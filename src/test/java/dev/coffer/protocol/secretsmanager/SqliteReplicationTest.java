package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class SqliteReplicationTest extends ReplicationContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
