package dev.coffer.secrets;

import dev.coffer.testing.Backend;

class PostgresReplicationCostTest extends ReplicationCostContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
