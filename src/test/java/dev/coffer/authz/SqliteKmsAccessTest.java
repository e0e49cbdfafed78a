package dev.coffer.authz;

import dev.coffer.testing.Backend;

class SqliteKmsAccessTest extends KmsAccessContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
