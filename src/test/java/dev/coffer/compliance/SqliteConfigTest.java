package dev.coffer.compliance;

import dev.coffer.testing.Backend;

class SqliteConfigTest extends ConfigContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
