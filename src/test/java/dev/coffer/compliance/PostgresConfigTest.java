package dev.coffer.compliance;

import dev.coffer.testing.Backend;

class PostgresConfigTest extends ConfigContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
