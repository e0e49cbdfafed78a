package dev.coffer.authz;

import dev.coffer.testing.Backend;

class SqliteIamAccessTest extends IamAccessContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
