package dev.coffer.authz;

import dev.coffer.testing.Backend;

class SqliteAccessControlTest extends AccessControlContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
