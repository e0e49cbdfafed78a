package dev.coffer.authz;

import dev.coffer.testing.Backend;

class PostgresAccessControlTest extends AccessControlContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
