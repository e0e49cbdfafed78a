package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class SqliteHousekeepingTest extends HousekeepingContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
