package dev.coffer.secrets;

import dev.coffer.testing.Backend;

class SqliteReplicationCostTest extends ReplicationCostContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
