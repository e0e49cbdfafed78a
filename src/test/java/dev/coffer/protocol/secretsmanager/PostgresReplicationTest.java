package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class PostgresReplicationTest extends ReplicationContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
