package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class PostgresHousekeepingTest extends HousekeepingContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
